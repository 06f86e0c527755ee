package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One-time tokens (password reset, magic link, e-mail verification, e-mail OTP). Only a
 * SHA-256 of a token is ever stored, and {@link #consume} is atomic: of any number of
 * racing consumers of one token, across threads and nodes, at most one gets the subject.
 */
public interface OneTimeTokenStore {

	/**
	 * Issue a token.
	 * @param subject whom the token is for (at most
	 * {@value StoreLimits#MAX_SUBJECT_LENGTH} characters)
	 * @param kind what the token is for
	 * @param ttl how long the token lives (positive, at most {@link StoreLimits#MAX_TTL})
	 * @return 32 random bytes as 64 lowercase hexadecimal characters
	 */
	String issue(String subject, TokenKind kind, Duration ttl);

	/**
	 * Consume a token. A token presented with the wrong kind is spent all the same.
	 * @param token the token presented
	 * @param expectedKind the kind the caller redeems
	 * @return the subject; empty when the token is unknown, spent, expired, malformed or
	 * of another kind
	 */
	default Optional<String> consume(String token, TokenKind expectedKind) {
		return consumeToken(token, expectedKind).map(ConsumedToken::subject);
	}

	/**
	 * Consume a token, as {@link #consume} does, and tell when it would have expired (for
	 * callers that must hand the expiry on, such as Spring Security's
	 * {@code OneTimeToken}).
	 * @param token the token presented
	 * @param expectedKind the kind the caller redeems
	 * @return the subject and the {@link Instant} the token would have expired at; empty
	 * when the token is unknown, spent, expired, malformed or of another kind
	 */
	Optional<ConsumedToken> consumeToken(String token, TokenKind expectedKind);

}
