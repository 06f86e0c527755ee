package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.breakglass.store.ConsumedToken;
import dev.breakglass.store.DigestKey;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.TokenKind;
import org.springframework.util.Assert;

/**
 * {@link OneTimeTokenStore} in this JVM, keyed by the SHA-256 of each token's bytes. A
 * consume is one atomic map removal, so of racing consumers at most one gets the subject;
 * expired tokens are reclaimed as new ones are issued.
 */
public final class InMemoryOneTimeTokenStore implements OneTimeTokenStore {

	private final Clock clock;

	private final ExpiringEntries<DigestKey, IssuedToken> tokens;

	/**
	 * Create a store.
	 * @param clock decides expiry
	 */
	public InMemoryOneTimeTokenStore(Clock clock) {
		this.clock = clock;
		this.tokens = new ExpiringEntries<>(clock, IssuedToken::expiresAt);
	}

	@Override
	public String issue(String subject, TokenKind kind, Duration ttl) {
		StoreLimits.checkOneTimeToken(subject, kind, ttl);
		Secrets.KeyedToken issued = Secrets.newKeyedOneTimeToken();
		this.tokens.put(issued.key(), new IssuedToken(subject, kind, this.clock.instant().plus(ttl)));
		return issued.token();
	}

	@Override
	public Optional<ConsumedToken> consumeToken(String token, TokenKind expectedKind) {
		Assert.notNull(token, "token must not be null");
		Assert.notNull(expectedKind, "expectedKind must not be null");
		// the key is null for whatever is not shaped like a token
		// (StoreLimits#isConsumableToken)
		DigestKey key = Secrets.oneTimeTokenKey(token);
		if (key == null) {
			return Optional.empty();
		}
		IssuedToken issued = this.tokens.remove(key);
		if (issued == null || issued.kind() != expectedKind || !this.tokens.isLive(issued)) {
			return Optional.empty();
		}
		return Optional.of(new ConsumedToken(issued.subject(), issued.expiresAt()));
	}

	private record IssuedToken(String subject, TokenKind kind, Instant expiresAt) {
	}

}
