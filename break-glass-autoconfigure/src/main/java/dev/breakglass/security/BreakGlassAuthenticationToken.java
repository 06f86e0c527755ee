package dev.breakglass.security;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;

/**
 * An {@link org.springframework.security.core.Authentication} for a break-glass session.
 * Before authentication it carries the presented session token as its credentials, which
 * {@link #eraseCredentials()} forgets; once authenticated it is named after the session's
 * requester, carries a {@link BreakGlassAuthenticationDetails} and never the token.
 */
public final class BreakGlassAuthenticationToken extends AbstractAuthenticationToken {

	private final @Nullable String requester;

	private @Nullable String token;

	private BreakGlassAuthenticationToken(String token) {
		super((Collection<? extends GrantedAuthority>) null);
		this.requester = null;
		this.token = token;
		setAuthenticated(false);
	}

	private BreakGlassAuthenticationToken(String requester, Collection<? extends GrantedAuthority> authorities,
			BreakGlassAuthenticationDetails details) {
		super(authorities);
		this.requester = requester;
		this.token = null;
		setDetails(details);
		super.setAuthenticated(true);
	}

	/**
	 * Create an unauthenticated token for a presented session token.
	 * @param token the session token as presented, possibly malformed
	 * @return an unauthenticated token
	 */
	public static BreakGlassAuthenticationToken unauthenticated(String token) {
		Assert.notNull(token, "token must not be null");
		return new BreakGlassAuthenticationToken(token);
	}

	/**
	 * Create an authenticated token for an open session.
	 * @param requester who opened the session
	 * @param authorities the authorities granted
	 * @param details why the session was opened and until when it lasts
	 * @return an authenticated token
	 */
	public static BreakGlassAuthenticationToken authenticated(String requester,
			Collection<? extends GrantedAuthority> authorities, BreakGlassAuthenticationDetails details) {
		Assert.hasText(requester, "requester must not be empty");
		Assert.notNull(details, "details must not be null");
		return new BreakGlassAuthenticationToken(requester, authorities, details);
	}

	/**
	 * Return the presented session token, until credentials are erased; always
	 * {@code null} once authenticated.
	 * @return the presented token or {@code null}
	 */
	@Override
	public @Nullable String getCredentials() {
		return this.token;
	}

	/**
	 * Return the session's requester, {@code null} before authentication.
	 * @return the requester or {@code null}
	 */
	@Override
	public @Nullable String getPrincipal() {
		return this.requester;
	}

	@Override
	public String getName() {
		return (this.requester != null) ? this.requester : "";
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		Assert.isTrue(!authenticated, "Use BreakGlassAuthenticationToken.authenticated(...) instead");
		super.setAuthenticated(false);
	}

	@Override
	public void eraseCredentials() {
		this.token = null;
		super.eraseCredentials();
	}

}
