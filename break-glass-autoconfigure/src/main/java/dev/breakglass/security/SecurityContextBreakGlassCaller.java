package dev.breakglass.security;

import java.util.Optional;

import dev.breakglass.service.BreakGlassCaller;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The {@link BreakGlassCaller} of Spring Security: the name of the authenticated
 * principal of the current {@code SecurityContext}. An anonymous or unauthenticated
 * caller has no principal.
 */
public final class SecurityContextBreakGlassCaller implements BreakGlassCaller {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	public Optional<String> principal() {
		// the holder's strategy as it is now, so that one the application sets is read
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (!this.trustResolver.isAuthenticated(authentication)) {
			return Optional.empty();
		}
		return Optional.of(authentication.getName());
	}

}
