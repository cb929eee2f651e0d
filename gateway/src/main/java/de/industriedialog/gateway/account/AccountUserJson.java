package de.industriedialog.gateway.account;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes {@link AccountUser} into a stored session as JSON and reads it back. Spring
 * Security's Jackson support knows its own {@code User} but not our subclass: without
 * this module the principal would come back as a plain {@code User} (no roles, no
 * initiative) or not at all. The password hash is never written; the principal read back
 * carries none.
 */
final class AccountUserJson extends SimpleModule {

	AccountUserJson() {
		super(AccountUserJson.class.getName());
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		// Spring Security's type validator already admits subclasses of its User.
		context.setMixIn(AccountUser.class, AccountUserMixin.class);
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	@JsonDeserialize(using = AccountUserDeserializer.class)
	@JsonIgnoreProperties(value = "password", ignoreUnknown = true)
	abstract static class AccountUserMixin {

	}

	/**
	 * Rebuilds the principal from what identifies it; authorities follow from the roles.
	 */
	static final class AccountUserDeserializer extends ValueDeserializer<AccountUser> {

		@Override
		public AccountUser deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			JsonNode initiativeId = node.path("initiativeId");
			return new AccountUser(node.path("username").asString(), strings(node.path("roles")),
					(initiativeId.isNull() || initiativeId.isMissingNode()) ? null : initiativeId.asString());
		}

		/** A list as written with type information: {@code ["java.util…", ["STAFF"]]}. */
		private static List<String> strings(JsonNode node) {
			JsonNode values = (node.isArray() && node.size() == 2 && node.get(0).isString() && node.get(1).isArray())
					? node.get(1) : node;
			List<String> strings = new ArrayList<>();
			values.forEach((value) -> strings.add(value.asString()));
			return strings;
		}

	}

}
