package de.industriedialog.registry.steckbrief.web;

import java.util.List;

import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.Steckbrief;

/** The map of initiatives as GeoJSON (RFC 7946). */
final class GeoJson {

	private GeoJson() {
	}

	static FeatureCollection of(List<Steckbrief> steckbriefe) {
		return new FeatureCollection("FeatureCollection", steckbriefe.stream().map(GeoJson::feature).toList());
	}

	private static Feature feature(Steckbrief steckbrief) {
		// GeoJSON orders positions longitude first (RFC 7946, 3.1.1).
		Point point = new Point("Point", List.of(steckbrief.coordinates().lon(), steckbrief.coordinates().lat()));
		return new Feature("Feature", steckbrief.id(), point, new Properties(steckbrief.id(), steckbrief.name(),
				steckbrief.level(), steckbrief.type(), steckbrief.state(), steckbrief.city()));
	}

	record FeatureCollection(String type, List<Feature> features) {
	}

	record Feature(String type, String id, Point geometry, Properties properties) {
	}

	record Point(String type, List<Double> coordinates) {
	}

	record Properties(String id, String name, Level level, InitiativeType type, String state, String city) {
	}

}
