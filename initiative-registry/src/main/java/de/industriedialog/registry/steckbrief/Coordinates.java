package de.industriedialog.registry.steckbrief;

/** A place in WGS 84 degrees. */
public record Coordinates(double lat, double lon) {

}
