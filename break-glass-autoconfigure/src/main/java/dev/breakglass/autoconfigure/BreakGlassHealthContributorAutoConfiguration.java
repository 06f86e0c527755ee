package dev.breakglass.autoconfigure;

import dev.breakglass.actuate.BreakGlassHealthIndicator;
import dev.breakglass.store.BreakGlassStore;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code breakGlass} health contributor, when Spring Boot's
 * health support is present, unless {@code management.health.breakglass.enabled} is false
 * or the application defines a bean named {@code breakGlassHealthIndicator}.
 */
@AutoConfiguration(after = BreakGlassAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("breakglass")
public final class BreakGlassHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "breakGlassHealthIndicator")
	BreakGlassHealthIndicator breakGlassHealthIndicator(ListableBeanFactory beanFactory) {
		return new BreakGlassHealthIndicator(BreakGlassStore.find(beanFactory));
	}

}
