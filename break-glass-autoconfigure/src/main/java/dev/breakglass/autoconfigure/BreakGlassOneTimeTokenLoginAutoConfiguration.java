package dev.breakglass.autoconfigure;

import java.time.Clock;

import dev.breakglass.security.BreakGlassOneTimeTokenService;
import dev.breakglass.store.OneTimeTokenStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.ott.OneTimeTokenService;

/**
 * Auto-configuration of Spring Security's one-time-token login on the one-time token
 * store, unless the application defines a {@link OneTimeTokenService} of its own.
 */
@AutoConfiguration(after = BreakGlassAutoConfiguration.class)
@ConditionalOnClass(OneTimeTokenService.class)
@ConditionalOnBooleanProperty(name = { "break-glass.enabled", "break-glass.one-time-token.spring-security.enabled" },
		matchIfMissing = true)
public final class BreakGlassOneTimeTokenLoginAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(OneTimeTokenService.class)
	BreakGlassOneTimeTokenService breakGlassOneTimeTokenService(OneTimeTokenStore oneTimeTokenStore,
			Clock breakGlassClock) {
		return new BreakGlassOneTimeTokenService(oneTimeTokenStore, breakGlassClock);
	}

}
