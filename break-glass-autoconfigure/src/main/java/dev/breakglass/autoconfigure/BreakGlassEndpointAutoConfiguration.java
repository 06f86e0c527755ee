package dev.breakglass.autoconfigure;

import java.time.Clock;

import dev.breakglass.actuate.BreakGlassAuditTrailEndpoint;
import dev.breakglass.actuate.BreakGlassEndpoint;
import dev.breakglass.actuate.BreakGlassSecretSanitizer;

import dev.breakglass.service.BreakGlassService;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.OtpStore;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link BreakGlassEndpoint breakglass endpoint} and the
 * {@link BreakGlassAuditTrailEndpoint breakglassaudit endpoint}, when Actuator is present
 * and the endpoint is available (enabled and exposed); and of the sanitizer that keeps
 * {@code break-glass.secret} out of {@code /actuator/env} and
 * {@code /actuator/configprops} whenever Actuator is present.
 */
@AutoConfiguration(after = BreakGlassAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
public final class BreakGlassEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(BreakGlassService.class)
	@ConditionalOnAvailableEndpoint
	BreakGlassEndpoint breakGlassEndpoint(BreakGlassService service, OtpStore otpStore, Clock clock,
			ListableBeanFactory beanFactory) {
		return new BreakGlassEndpoint(service, otpStore, BreakGlassStore.find(beanFactory), clock);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(AuditTrailStore.class)
	@ConditionalOnAvailableEndpoint
	BreakGlassAuditTrailEndpoint breakGlassAuditTrailEndpoint(AuditTrailStore store) {
		return new BreakGlassAuditTrailEndpoint(store);
	}

	@Bean
	@ConditionalOnMissingBean
	BreakGlassSecretSanitizer breakGlassSecretSanitizer() {
		return new BreakGlassSecretSanitizer();
	}

}
