package dev.breakglass.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image needs: every shipped migration is a registered
 * resource, and the registrar is found through {@code aot.factories}.
 */
class BreakGlassRuntimeHintsTests {

	@Test
	void everyShippedMigrationIsARegisteredResource() throws IOException {
		RuntimeHints hints = new RuntimeHints();
		new BreakGlassRuntimeHints().registerHints(hints, getClass().getClassLoader());
		Resource[] migrations = new PathMatchingResourcePatternResolver()
			.getResources(BreakGlassSchemaMigration.LOCATION + "/*.sql");
		assertThat(migrations).hasSizeGreaterThanOrEqualTo(6);
		for (Resource migration : migrations) {
			assertThat(RuntimeHintsPredicates.resource()
				.forResource(BreakGlassSchemaMigration.LOCATION_PATH + "/" + migration.getFilename()))
				.as(migration.getFilename())
				.accepts(hints);
		}
	}

	@Test
	void theRegistrarIsFoundThroughAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anyMatch(BreakGlassRuntimeHints.class::isInstance);
	}

}
