package de.industriedialog.registry.steckbrief.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import de.industriedialog.registry.steckbrief.ActorGroup;
import de.industriedialog.registry.steckbrief.Contact;
import de.industriedialog.registry.steckbrief.Coordinates;
import de.industriedialog.registry.steckbrief.GoalCategory;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.SteckbriefData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A Steckbrief as staff or the initiative write it. Composition and the Bündnis flag are
 * missing on purpose: they are derived from the actor groups, and a client sending them
 * is ignored. Every text has a maximum so that no request can blow up a document or an
 * event beyond its contract.
 */
@Schema(description = "Inhalt eines Steckbriefs (Zusammensetzung und Bündnis werden abgeleitet)")
record SteckbriefInput(
		@NotBlank(message = "Bitte geben Sie den Namen der Initiative an.") @Size(max = 200,
				message = "Der Name darf höchstens 200 Zeichen lang sein.") String name,
		@Size(max = 500, message = "Die Web-Adresse darf höchstens 500 Zeichen lang sein.") @Pattern(regexp = WEBSITE,
				message = "Bitte geben Sie eine vollständige Web-Adresse an, die mit http:// oder https:// beginnt.") String website,
		@Valid ContactInput contact,
		@Schema(description = "Bundesland als ISO-3166-2-Code, z. B. DE-NW") @Pattern(regexp = STATE_CODES,
				message = "Unbekannter Bundesland-Code. Erlaubt sind DE-BW, DE-BY, DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, "
						+ "DE-MV, DE-NI, DE-NW, DE-RP, DE-SL, DE-SN, DE-ST, DE-SH und DE-TH.") String state,
		@Size(max = 100, message = "Der Ort darf höchstens 100 Zeichen lang sein.") String city,
		@Valid CoordinatesInput coordinates,
		@NotNull(message = "Bitte wählen Sie die Handlungsebene (LOCAL, REGIONAL oder STATE).") Level level,
		@NotNull(
				message = "Bitte wählen Sie den Typ der Initiative (NETWORK, MEASURE oder MIXED).") InitiativeType type,
		@Min(value = 1800, message = "Das Gründungsjahr muss zwischen 1800 und dem laufenden Jahr liegen.") @Max(
				value = 2100,
				message = "Das Gründungsjahr muss zwischen 1800 und dem laufenden Jahr liegen.") Integer foundingYear,
		@Size(max = 100,
				message = "Die Rechts- oder Organisationsform darf höchstens 100 Zeichen lang sein.") String legalForm,
		@Schema(description = "Wer die Geschäftsstelle führt, z. B. die IHK") @Size(max = 200,
				message = "Die Angabe zur Geschäftsstelle darf höchstens 200 Zeichen lang sein.") String office,
		@Size(max = 20,
				message = "Höchstens 20 Akteursgruppen.") List<@Valid @NotNull(
						message = "Leerer Eintrag.") ActorGroupInput> actorGroups,
		@Size(max = 10,
				message = "Höchstens 10 Zielkategorien.") List<@NotNull(
						message = "Leerer Eintrag.") GoalCategory> goalCategories,
		@Size(max = 30,
				message = "Höchstens 30 Aktivitäten.") List<@NotBlank(
						message = "Bitte keine leeren Aktivitäten.") @Size(max = 500,
								message = "Eine Aktivität darf höchstens 500 Zeichen lang sein.") String> activities,
		@Size(max = 1000,
				message = "Die Angabe zur Finanzierung darf höchstens 1000 Zeichen lang sein.") String financing,
		@Schema(description = "Kennungen verknüpfter Initiativen") @Size(max = 50,
				message = "Höchstens 50 verknüpfte Initiativen.") List<@NotBlank(
						message = "Bitte keine leeren Kennungen.") @Size(max = 64,
								message = "Eine Kennung ist höchstens 64 Zeichen lang.") String> linkedInitiativeIds,
		@Schema(description = "Die Version, von der die Bearbeitung ausging (aus der letzten Antwort); "
				+ "weicht sie ab, wird die Änderung mit 409 abgelehnt") Long version) {

	static final String STATE_CODES = "DE-(BW|BY|BE|BB|HB|HH|HE|MV|NI|NW|RP|SL|SN|ST|SH|TH)";

	/**
	 * Absolute http(s) URIs of RFC 3986 characters only, as the event contract demands.
	 */
	static final String WEBSITE = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*)?";

	SteckbriefData toData() {
		Set<ActorGroup> groups = EnumSet.noneOf(ActorGroup.class);
		Set<ActorGroup> founders = EnumSet.noneOf(ActorGroup.class);
		for (ActorGroupInput group : list(this.actorGroups)) {
			groups.add(group.group());
			if (Boolean.TRUE.equals(group.founder())) {
				founders.add(group.group());
			}
		}
		Contact contact = (this.contact != null) ? this.contact.toContact() : null;
		return new SteckbriefData(this.name.strip(), blankToNull(this.website), contact, this.state,
				blankToNull(this.city), (this.coordinates != null) ? this.coordinates.toCoordinates() : null,
				this.level, this.type, this.foundingYear, blankToNull(this.legalForm), blankToNull(this.office), groups,
				founders, Set.copyOf(list(this.goalCategories)),
				list(this.activities).stream().map(String::strip).toList(), blankToNull(this.financing),
				list(this.linkedInitiativeIds));
	}

	private static <T> List<T> list(List<T> list) {
		return (list != null) ? list : List.of();
	}

	static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/** An actor group taking part, and whether it is among the founders/initiators. */
	record ActorGroupInput(@NotNull(message = "Bitte wählen Sie die Akteursgruppe.") ActorGroup group,
			@Schema(description = "Gehört die Gruppe zu den Gründern/Initiatoren?") Boolean founder) {
	}

	/** The contact person; never public. */
	record ContactInput(@Size(max = 200, message = "Der Name darf höchstens 200 Zeichen lang sein.") String name,
			@Email(message = "Bitte geben Sie eine gültige E-Mail-Adresse an.") @Size(max = 254,
					message = "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.") String email,
			@Pattern(regexp = "[+0-9 ()/-]{3,30}",
					message = "Bitte geben Sie eine Telefonnummer aus Ziffern, Leerzeichen und + ( ) / - an (höchstens 30 Zeichen).") String phone) {

		Contact toContact() {
			return new Contact(blankToNull(this.name), blankToNull(this.email), blankToNull(this.phone));
		}

	}

	/** WGS 84 degrees. */
	record CoordinatesInput(
			@NotNull(message = "Bitte geben Sie die Breite an.") @DecimalMin(value = "-90",
					message = "Die Breite liegt zwischen -90 und 90.") @DecimalMax(value = "90",
							message = "Die Breite liegt zwischen -90 und 90.") Double lat,
			@NotNull(message = "Bitte geben Sie die Länge an.") @DecimalMin(value = "-180",
					message = "Die Länge liegt zwischen -180 und 180.") @DecimalMax(value = "180",
							message = "Die Länge liegt zwischen -180 und 180.") Double lon) {

		Coordinates toCoordinates() {
			return new Coordinates(this.lat, this.lon);
		}

	}

}
