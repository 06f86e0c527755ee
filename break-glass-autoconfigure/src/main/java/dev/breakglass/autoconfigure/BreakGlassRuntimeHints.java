package dev.breakglass.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of an application with break-glass needs beyond what Spring finds
 * itself: the jpa backend's Flyway migrations, which Flyway finds by scanning their
 * classpath location. The Redis scripts are strings in the code, and the configuration
 * properties and endpoint results get their hints from Spring Boot.
 */
class BreakGlassRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(BreakGlassSchemaMigration.LOCATION_PATH + "/*.sql");
	}

}
