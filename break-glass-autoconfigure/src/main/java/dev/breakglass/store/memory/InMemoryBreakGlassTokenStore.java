package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.IssuedToken;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link BreakGlassTokenStore} in this JVM. Keeps only a SHA-256 of the active token,
 * with who asked for it and why; issuing is one atomic swap that reads the token it
 * replaces, and revoking is a compare-and-set, so of racing revokes exactly one wins.
 * With an idle timeout, a lookup that finds the token moves its deadline with one more
 * compare-and-set ({@link SessionLifetime}).
 */
public final class InMemoryBreakGlassTokenStore implements BreakGlassTokenStore {

	private final AtomicReference<@Nullable StoredToken> active = new AtomicReference<>();

	private final Clock clock;

	private final SessionLifetime lifetime;

	/**
	 * Create a store.
	 * @param clock decides expiry
	 * @param ttl how long a session token lives
	 */
	public InMemoryBreakGlassTokenStore(Clock clock, Duration ttl) {
		this(clock, SessionLifetime.of(StoreLimits.checkTtl(ttl)));
	}

	/**
	 * Create a store.
	 * @param clock decides expiry
	 * @param lifetime how long a session token lives, and lives unused
	 */
	public InMemoryBreakGlassTokenStore(Clock clock, SessionLifetime lifetime) {
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(lifetime, "lifetime must not be null");
		this.clock = clock;
		this.lifetime = lifetime;
	}

	@Override
	public IssuedToken issue(Attribution attribution) {
		Assert.notNull(attribution, "attribution must not be null");
		String token = Secrets.newSessionToken();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		StoredToken replaced = this.active.getAndSet(
				new StoredToken(Secrets.sha256InMemory(token), now, this.lifetime.initialDeadline(now), attribution));
		return new IssuedToken(token, (replaced != null && isLive(replaced)) ? replaced.attribution() : null);
	}

	@Override
	public Optional<ActiveToken> lookup(String token) {
		StoredToken current = find(token);
		while (current != null && isLive(current)) {
			Instant deadline = this.lifetime.deadlineAfterUse(current.issuedAt(), this.clock.instant());
			if (!this.lifetime.moves(current.expiresAt(), deadline)
					|| this.active.compareAndSet(current, current.withDeadline(deadline))) {
				return Optional.of(new ActiveToken(current.issuedAt(), current.attribution()));
			}
			current = find(token);
		}
		return Optional.empty();
	}

	@Override
	public Optional<ActiveToken> active() {
		StoredToken current = this.active.get();
		return (current != null && isLive(current))
				? Optional.of(new ActiveToken(current.issuedAt(), current.attribution())) : Optional.empty();
	}

	@Override
	public boolean revoke(String token) {
		StoredToken current = find(token);
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

	@Override
	public Optional<ActiveToken> end() {
		StoredToken ended = this.active.getAndSet(null);
		return (ended != null && isLive(ended)) ? Optional.of(new ActiveToken(ended.issuedAt(), ended.attribution()))
				: Optional.empty();
	}

	private @Nullable StoredToken find(String token) {
		Assert.notNull(token, "token must not be null");
		StoredToken current = this.active.get();
		if (current == null || !Secrets.isSessionToken(token)) {
			return null;
		}
		return Secrets.constantTimeEquals(current.hash(), Secrets.sha256InMemory(token)) ? current : null;
	}

	private boolean isLive(StoredToken token) {
		return this.clock.instant().isBefore(token.expiresAt());
	}

	private record StoredToken(String hash, Instant issuedAt, Instant expiresAt, Attribution attribution) {

		StoredToken withDeadline(Instant deadline) {
			return new StoredToken(this.hash, this.issuedAt, deadline, this.attribution);
		}

	}

}
