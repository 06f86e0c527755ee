package dev.breakglass.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's {@link Clock} (system UTC) unless the application defines one. Imported
 * by every auto-configuration that injects the clock, so the clock is defined where it is
 * used, whichever of them runs first.
 */
@Configuration(proxyBeanMethods = false)
class BreakGlassClockConfiguration {

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	Clock breakGlassClock() {
		return Clock.systemUTC();
	}

}
