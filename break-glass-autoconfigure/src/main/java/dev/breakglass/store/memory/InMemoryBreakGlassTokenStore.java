package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link BreakGlassTokenStore} in this JVM. Keeps only a SHA-256 of the active token;
 * revoking is a compare-and-set, so of racing revokes exactly one wins.
 */
public final class InMemoryBreakGlassTokenStore implements BreakGlassTokenStore {

	private final AtomicReference<@Nullable ActiveToken> active = new AtomicReference<>();

	private final Clock clock;

	private final Duration ttl;

	/**
	 * Create a store.
	 * @param clock decides expiry
	 * @param ttl how long a session token lives
	 */
	public InMemoryBreakGlassTokenStore(Clock clock, Duration ttl) {
		this.clock = clock;
		this.ttl = StoreLimits.checkTtl(ttl);
	}

	@Override
	public String issue() {
		String token = Secrets.newSessionToken();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.active.set(new ActiveToken(Secrets.sha256(token), now, now.plus(this.ttl)));
		return token;
	}

	@Override
	public Optional<Instant> lookup(String token) {
		ActiveToken current = find(token);
		return (current != null && isLive(current)) ? Optional.of(current.issuedAt()) : Optional.empty();
	}

	@Override
	public boolean revoke(String token) {
		ActiveToken current = find(token);
		while (current != null) {
			if (this.active.compareAndSet(current, null)) {
				return isLive(current);
			}
			current = find(token);
		}
		return false;
	}

	@Override
	public void clear() {
		this.active.set(null);
	}

	private @Nullable ActiveToken find(String token) {
		Assert.notNull(token, "token must not be null");
		ActiveToken current = this.active.get();
		if (current == null || !Secrets.isSessionToken(token)) {
			return null;
		}
		return Secrets.constantTimeEquals(current.hash(), Secrets.sha256(token)) ? current : null;
	}

	private boolean isLive(ActiveToken token) {
		return this.clock.instant().isBefore(token.expiresAt());
	}

	private record ActiveToken(String hash, Instant issuedAt, Instant expiresAt) {
	}

}
