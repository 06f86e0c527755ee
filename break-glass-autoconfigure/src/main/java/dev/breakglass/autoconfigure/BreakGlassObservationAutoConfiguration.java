package dev.breakglass.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import dev.breakglass.actuate.BreakGlassFlowObservations;
import dev.breakglass.actuate.BreakGlassStoreObservationPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Micrometer observations of the break-glass stores and flow, when
 * the application has an {@link ObservationRegistry}.
 */
@AutoConfiguration(after = BreakGlassAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
public final class BreakGlassObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static BreakGlassStoreObservationPostProcessor breakGlassStoreObservationPostProcessor(
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new BreakGlassStoreObservationPostProcessor(observationRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	BreakGlassFlowObservations breakGlassFlowObservations(ObservationRegistry observationRegistry) {
		return new BreakGlassFlowObservations(observationRegistry);
	}

}
