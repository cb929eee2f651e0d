package de.industriedialog.contracts;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule with a small pair of schemas: published first, current second. Schemas are
 * written with single quotes for readability.
 */
class SchemaCompatibilityTest {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final String BASE = """
			{'type':'object','additionalProperties':true,'required':['id'],
			 'properties':{
			   'id':{'type':'string','minLength':1,'maxLength':64},
			   'level':{'type':'string','enum':['LOCAL','REGIONAL','STATE']},
			   'city':{'type':['string','null']},
			   'year':{'type':'integer','minimum':1800,'maximum':2100},
			   'tags':{'type':'array','items':{'type':'string','enum':['A','B']}},
			   'coordinates':{'type':['object','null'],'required':['lat'],
			     'properties':{'lat':{'type':'number','minimum':-90,'maximum':90}}}}}
			""";

	@Test
	void shouldAcceptAnIdenticalSchema() {
		assertThat(changes(BASE, BASE)).isEmpty();
	}

	@Test
	void shouldAcceptANewOptionalProperty() {
		assertThat(changes(BASE, BASE.replace("'city':", "'website':{'type':'string','format':'uri'},'city':")))
			.isEmpty();
	}

	@Test
	void shouldAcceptANewEnumValue() {
		assertThat(changes(BASE, BASE.replace("'STATE']", "'STATE','FEDERAL']"))).isEmpty();
		assertThat(changes(BASE, BASE.replace("['A','B']", "['A','B','C']"))).isEmpty();
	}

	@Test
	void shouldAcceptLoosenedConstraints() {
		assertThat(changes(BASE, BASE.replace("'maxLength':64", "'maxLength':128"))).isEmpty();
		assertThat(changes(BASE, BASE.replace("'minimum':1800", "'minimum':1700"))).isEmpty();
		assertThat(changes(BASE, BASE.replace(",'maximum':2100", ""))).isEmpty();
		assertThat(changes(BASE, BASE.replace("'required':['lat'],", ""))).isEmpty();
		assertThat(changes(BASE, BASE.replace(",'enum':['LOCAL','REGIONAL','STATE']", ""))).isEmpty();
	}

	@Test
	void shouldAcceptChangedAnnotations() {
		assertThat(changes(BASE, BASE.replace("'type':'object',",
				"'type':'object','$id':'x','title':'T','description':'D','examples':[{}],")))
			.isEmpty();
	}

	@Test
	void shouldDetectARemovedProperty() {
		assertThat(changes(BASE, BASE.replace("'city':{'type':['string','null']},", "")))
			.containsExactly("$.city: property removed");
	}

	@Test
	void shouldDetectAChangedType() {
		assertThat(changes(BASE, BASE.replace("'year':{'type':'integer'", "'year':{'type':'string'")))
			.containsExactly("$.year: type changed from integer to string");
	}

	@Test
	void shouldDetectANarrowedType() {
		assertThat(changes(BASE, BASE.replace("'city':{'type':['string','null']}", "'city':{'type':'string'}")))
			.containsExactly("$.city: type narrowed from [null, string] to string");
	}

	@Test
	void shouldDetectAWidenedTypeBecauseOldConsumersCannotReadIt() {
		assertThat(changes(BASE, BASE.replace("'id':{'type':'string'", "'id':{'type':['string','null']")))
			.containsExactly("$.id: type widened from string to [null, string]");
	}

	@Test
	void shouldDetectARemovedEnumValue() {
		assertThat(changes(BASE, BASE.replace("'LOCAL','REGIONAL','STATE'", "'LOCAL','STATE'")))
			.containsExactly("$.level: enum value \"REGIONAL\" removed");
	}

	@Test
	void shouldDetectAnAddedEnumOrConst() {
		assertThat(changes(BASE,
				BASE.replace("'city':{'type':['string','null']}",
						"'city':{'type':['string','null'],'enum':['Koblenz',null]}")))
			.singleElement()
			.asString()
			.startsWith("$.city: enum added");
		assertThat(changes(BASE,
				BASE.replace("'city':{'type':['string','null']}",
						"'city':{'type':['string','null'],'const':'Koblenz'}")))
			.singleElement()
			.asString()
			.startsWith("$.city: const added");
	}

	@Test
	void shouldDetectANewRequiredEntry() {
		assertThat(changes(BASE, BASE.replace("'required':['id']", "'required':['id','city']")))
			.containsExactly("$: property 'city' became required");
	}

	@Test
	void shouldDetectANewRequiredPropertyThatIsAlsoNew() {
		assertThat(changes(BASE,
				BASE.replace("'required':['id']", "'required':['id','x']").replace("'city':", "'x':{},'city':")))
			.containsExactly("$: property 'x' became required");
	}

	@Test
	void shouldDetectAdditionalPropertiesTurnedToFalse() {
		assertThat(changes(BASE, BASE.replace("'additionalProperties':true", "'additionalProperties':false")))
			.containsExactly("$.*: additionalProperties turned to false");
		assertThat(changes(BASE.replace("'additionalProperties':true,", ""),
				BASE.replace("'additionalProperties':true", "'additionalProperties':false")))
			.containsExactly("$.*: additionalProperties turned to false");
		assertThat(
				changes(BASE, BASE.replace("'additionalProperties':true", "'additionalProperties':{'type':'string'}")))
			.containsExactly("$.*: additionalProperties constraint added");
	}

	@Test
	void shouldDetectTightenedBounds() {
		assertThat(changes(BASE, BASE.replace("'maxLength':64", "'maxLength':32")))
			.containsExactly("$.id: maxLength tightened from 64 to 32");
		assertThat(changes(BASE, BASE.replace("'minLength':1", "'minLength':2")))
			.containsExactly("$.id: minLength tightened from 1 to 2");
		assertThat(changes(BASE, BASE.replace("'minimum':1800", "'minimum':1900")))
			.containsExactly("$.year: minimum tightened from 1800 to 1900");
		assertThat(changes(BASE, BASE.replace("'maximum':2100", "'maximum':2050")))
			.containsExactly("$.year: maximum tightened from 2100 to 2050");
	}

	@Test
	void shouldDetectAddedConstraintsOnAnExistingProperty() {
		assertThat(changes(BASE,
				BASE.replace("'city':{'type':['string','null']}", "'city':{'type':['string','null'],'maxLength':100}")))
			.containsExactly("$.city: maxLength 100 added");
		assertThat(changes(BASE,
				BASE.replace("'city':{'type':['string','null']}",
						"'city':{'type':['string','null'],'pattern':'^[A-Z]'}")))
			.containsExactly("$.city: pattern \"^[A-Z]\" added");
		assertThat(changes(BASE,
				BASE.replace("'city':{'type':['string','null']}",
						"'city':{'type':['string','null'],'format':'hostname'}")))
			.containsExactly("$.city: format \"hostname\" added");
		assertThat(changes(BASE, BASE.replace("'type':'array',", "'type':'array','uniqueItems':true,'maxItems':9,")))
			.containsExactlyInAnyOrder("$.tags: uniqueItems turned on", "$.tags: maxItems 9 added");
	}

	@Test
	void shouldDetectAChangedPatternOrFormat() {
		String published = BASE.replace("'city':{'type':['string','null']}",
				"'city':{'type':['string','null'],'pattern':'^[A-Z]','format':'hostname'}");
		String current = BASE.replace("'city':{'type':['string','null']}",
				"'city':{'type':['string','null'],'pattern':'^[A-Z][a-z]','format':'uri'}");
		assertThat(changes(published, current)).hasSize(2)
			.anySatisfy((c) -> assertThat(c).startsWith("$.city: pattern changed"))
			.anySatisfy((c) -> assertThat(c).startsWith("$.city: format changed"));
		assertThat(changes(published, BASE)).as("removing pattern and format loosens").isEmpty();
	}

	@Test
	void shouldLookIntoNestedObjects() {
		assertThat(changes(BASE, BASE.replace("'minimum':-90", "'minimum':-45")))
			.containsExactly("$.coordinates.lat: minimum tightened from -90 to -45");
		assertThat(changes(BASE, BASE.replace("'required':['lat']", "'required':['lat','lon']")))
			.containsExactly("$.coordinates: property 'lon' became required");
		assertThat(changes(BASE,
				BASE.replace("'properties':{'lat':{'type':'number','minimum':-90,'maximum':90}}", "'properties':{}")))
			.containsExactly("$.coordinates.lat: property removed");
	}

	@Test
	void shouldLookIntoArrayItems() {
		assertThat(changes(BASE, BASE.replace("['A','B']", "['A']")))
			.containsExactly("$.tags[*]: enum value \"B\" removed");
		assertThat(changes(BASE, BASE.replace("'items':{'type':'string',", "'items':{'type':'integer',")))
			.containsExactly("$.tags[*]: type changed from string to integer");
	}

	@Test
	void shouldFollowLocalReferences() {
		String published = """
				{'type':'object','properties':{'position':{'$ref':'#/$defs/Coordinates'}},
				 '$defs':{'Coordinates':{'type':'object','properties':{'lat':{'type':'number','maximum':90}}}}}
				""";
		assertThat(changes(published, published.replace("'maximum':90", "'maximum':80")))
			.containsExactly("$.position.lat: maximum tightened from 90 to 80");
		String inlined = """
				{'type':'object','properties':{'position':
				  {'type':'object','properties':{'lat':{'type':'number','maximum':90}}}}}
				""";
		assertThat(changes(published, inlined)).as("inlining a reference changes nothing").isEmpty();
	}

	@Test
	void shouldDetectChangesItCannotJudge() {
		assertThat(changes(BASE, BASE.replace("'type':'object',", "'type':'object','not':{'required':['x']},")))
			.singleElement()
			.asString()
			.startsWith("$: not added");
		assertThat(changes(BASE, BASE.replace("'type':'object',", "'type':'object','allOf':[{'required':['x']}],")))
			.containsExactly("$: allOf added");
	}

	@Test
	void shouldAcceptTheSchemasOfThisModuleAgainstThemselves() throws JsonProcessingException {
		EventContracts contracts = EventContracts.fromClasspath();
		for (String eventType : contracts.eventTypes()) {
			JsonNode schema = MAPPER.readTree(contracts.schema(eventType));
			assertThat(SchemaCompatibility.breakingChanges(schema, schema)).as(eventType).isEmpty();
		}
	}

	private static List<String> changes(String published, String current) {
		return SchemaCompatibility.breakingChanges(json(published), json(current));
	}

	private static JsonNode json(String singleQuoted) {
		try {
			return MAPPER.readTree(singleQuoted.replace('\'', '"'));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(singleQuoted, ex);
		}
	}

}
