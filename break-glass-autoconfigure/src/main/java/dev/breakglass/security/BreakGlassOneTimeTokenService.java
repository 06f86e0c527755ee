package dev.breakglass.security;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.TokenKind;
import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.util.Assert;

/**
 * Spring Security {@link OneTimeTokenService} on a {@link OneTimeTokenStore}, with tokens
 * of kind {@link TokenKind#MAGIC_LINK}. What the store promises holds for the login: the
 * jpa and redis backends keep only a SHA-256 of each token, and a token logs in at most
 * once across every node that shares the store. {@link #consume} answers {@code null} for
 * a token that is unknown, spent, expired, malformed or of another kind, and never throws
 * for what a client sent; a store that cannot answer throws
 * {@link dev.breakglass.store.StoreUnavailableException}, so that an outage is never
 * taken for a bad token.
 */
public final class BreakGlassOneTimeTokenService implements OneTimeTokenService {

	private final OneTimeTokenStore store;

	private final Clock clock;

	/**
	 * Create a service.
	 * @param store keeps the tokens
	 * @param clock tells the expiry of a token handed out by {@link #generate} (the
	 * store's own clock decides when it expires)
	 */
	public BreakGlassOneTimeTokenService(OneTimeTokenStore store, Clock clock) {
		Assert.notNull(store, "store must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Issue a token for the request's user, living the request's {@code expiresIn}.
	 * @param request the user and lifetime (positive, at most
	 * {@link dev.breakglass.store.StoreLimits#MAX_ONE_TIME_TOKEN_TTL})
	 * @return the token, to be delivered to the user
	 * @throws IllegalArgumentException if the store cannot issue a token for the request,
	 * such as a username longer than
	 * {@value dev.breakglass.store.StoreLimits#MAX_SUBJECT_LENGTH} characters
	 */
	@Override
	public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
		Assert.notNull(request, "request must not be null");
		Duration expiresIn = request.getExpiresIn();
		String token = this.store.issue(request.getUsername(), TokenKind.MAGIC_LINK, expiresIn);
		return new DefaultOneTimeToken(token, request.getUsername(), this.clock.instant().plus(expiresIn));
	}

	@Override
	public @Nullable OneTimeToken consume(@Nullable OneTimeTokenAuthenticationToken authenticationToken) {
		String tokenValue = (authenticationToken != null) ? authenticationToken.getTokenValue() : null;
		if (tokenValue == null) {
			return null;
		}
		return this.store.consumeToken(tokenValue, TokenKind.MAGIC_LINK)
			.map((consumed) -> new DefaultOneTimeToken(tokenValue, consumed.subject(), consumed.expiresAt()))
			.orElse(null);
	}

}
