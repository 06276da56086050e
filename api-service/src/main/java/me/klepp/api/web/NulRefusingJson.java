package me.klepp.api.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * {@link ClientText}'s rule for JSON bodies: every string read from a request body is checked, so no route can
 * forget it. A refused string surfaces as the 400 problem {@link ClientText#refuseNul} makes (see
 * {@code ProblemExceptionHandler}).
 */
@Configuration(proxyBeanMethods = false)
class NulRefusingJson {

	@Bean
	JsonMapperBuilderCustomizer nulRefusingStrings() {
		var module = new SimpleModule("klepp-nul-refusing-strings");
		module.addDeserializer(String.class, new NulRefusingStringDeserializer());
		return builder -> builder.addModule(module);
	}

	private static final class NulRefusingStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			String field = parser.currentName() == null ? "a JSON string" : parser.currentName();
			return ClientText.refuseNul(field, value);
		}

	}

}
