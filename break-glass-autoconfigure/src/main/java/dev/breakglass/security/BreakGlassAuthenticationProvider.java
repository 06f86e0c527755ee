package dev.breakglass.security;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Authenticates a {@link BreakGlassAuthenticationToken} with
 * {@link BreakGlassService#authenticate}: the active, unexpired session token yields an
 * authenticated token named after the session's requester with one authority (a drill's
 * session the drill authority, never the real one); any other token (unknown, expired,
 * closed, malformed, of another deployment) is a {@link BadCredentialsException}. A store
 * that cannot answer is an {@link AuthenticationServiceException}, never taken for a bad
 * token. Whatever the outcome, the presented token is erased from the request before this
 * returns, so that no authentication event carries it.
 */
public final class BreakGlassAuthenticationProvider implements AuthenticationProvider {

	/**
	 * Authority granted by default: {@code hasRole("BREAK_GLASS")} requires it.
	 */
	public static final String DEFAULT_AUTHORITY = "ROLE_BREAK_GLASS";

	/**
	 * Authority a drill's session grants by default, instead of the real one.
	 */
	public static final String DEFAULT_DRILL_AUTHORITY = "ROLE_BREAK_GLASS_DRILL";

	private final BreakGlassService service;

	private final List<GrantedAuthority> authorities;

	private final List<GrantedAuthority> drillAuthorities;

	/**
	 * Create a provider granting {@value #DEFAULT_AUTHORITY}.
	 * @param service checks session tokens
	 */
	public BreakGlassAuthenticationProvider(BreakGlassService service) {
		this(service, DEFAULT_AUTHORITY);
	}

	/**
	 * Create a provider.
	 * @param service checks session tokens
	 * @param authority the authority an open session grants
	 */
	public BreakGlassAuthenticationProvider(BreakGlassService service, String authority) {
		this(service, authority, DEFAULT_DRILL_AUTHORITY);
	}

	/**
	 * Create a provider.
	 * @param service checks session tokens
	 * @param authority the authority an open session grants
	 * @param drillAuthority the authority a drill's session grants instead, never the
	 * same as {@code authority}
	 */
	public BreakGlassAuthenticationProvider(BreakGlassService service, String authority, String drillAuthority) {
		Assert.notNull(service, "service must not be null");
		Assert.hasText(authority, "authority must not be empty");
		Assert.hasText(drillAuthority, "drillAuthority must not be empty");
		Assert.isTrue(!authority.equals(drillAuthority),
				() -> "the drill authority must differ from the authority, or a drill would grant real access: "
						+ authority);
		this.service = service;
		this.authorities = List.of(new SimpleGrantedAuthority(authority));
		this.drillAuthorities = List.of(new SimpleGrantedAuthority(drillAuthority));
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		BreakGlassAuthenticationToken request = (BreakGlassAuthenticationToken) authentication;
		try {
			BreakGlassSession session = lookup(request.getCredentials())
				.orElseThrow(() -> new BadCredentialsException("Invalid break-glass session token"));
			return BreakGlassAuthenticationToken.authenticated(session.requester(),
					session.drill() ? this.drillAuthorities : this.authorities, new BreakGlassAuthenticationDetails(
							session.reason(), session.issuedAt(), session.expiresAt(), session.drill()));
		}
		finally {
			request.eraseCredentials();
		}
	}

	private Optional<BreakGlassSession> lookup(@Nullable String token) {
		if (!StringUtils.hasText(token)) {
			return Optional.empty();
		}
		try {
			return this.service.authenticate(token);
		}
		catch (StoreUnavailableException ex) {
			throw new AuthenticationServiceException("Break-glass session store unavailable", ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BreakGlassAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
