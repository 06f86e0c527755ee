package dev.breakglass.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests presenting {@code Authorization: BreakGlass <token>}: the header
 * is converted into an unauthenticated {@link BreakGlassAuthenticationToken} and handed
 * to an {@link AuthenticationManager}. On success the request proceeds with the session's
 * requester as its {@link Authentication}; on failure the
 * {@link AuthenticationEntryPoint} answers and the chain stops. A request without the
 * header, or with another scheme, proceeds untouched. The authentication lasts for the
 * request only: nothing is stored in the HTTP session.
 */
public final class BreakGlassAuthenticationFilter extends OncePerRequestFilter {

	private final AuthenticationManager authenticationManager;

	private final AuthenticationEntryPoint authenticationEntryPoint;

	private AuthenticationConverter authenticationConverter = new BreakGlassAuthenticationConverter();

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private SecurityContextRepository securityContextRepository = new RequestAttributeSecurityContextRepository();

	/**
	 * Create a filter.
	 * @param authenticationManager authenticates {@link BreakGlassAuthenticationToken}s
	 * @param authenticationEntryPoint answers requests that fail to authenticate
	 */
	public BreakGlassAuthenticationFilter(AuthenticationManager authenticationManager,
			AuthenticationEntryPoint authenticationEntryPoint) {
		Assert.notNull(authenticationManager, "authenticationManager must not be null");
		Assert.notNull(authenticationEntryPoint, "authenticationEntryPoint must not be null");
		this.authenticationManager = authenticationManager;
		this.authenticationEntryPoint = authenticationEntryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authenticationRequest = this.authenticationConverter.convert(request);
		if (authenticationRequest == null) {
			chain.doFilter(request, response);
			return;
		}
		Authentication authentication;
		try {
			authentication = this.authenticationManager.authenticate(authenticationRequest);
		}
		catch (AuthenticationException ex) {
			this.securityContextHolderStrategy.clearContext();
			this.authenticationEntryPoint.commence(request, response, ex);
			return;
		}
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(authentication);
		this.securityContextHolderStrategy.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		chain.doFilter(request, response);
	}

	/**
	 * Set how the header is read, by default a {@link BreakGlassAuthenticationConverter}.
	 * @param authenticationConverter the converter
	 */
	public void setAuthenticationConverter(AuthenticationConverter authenticationConverter) {
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		this.authenticationConverter = authenticationConverter;
	}

	/**
	 * Set the strategy holding the security context.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy must not be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	/**
	 * Set where a successful authentication is saved, by default for the request only.
	 * @param securityContextRepository the repository
	 */
	public void setSecurityContextRepository(SecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.securityContextRepository = securityContextRepository;
	}

}
