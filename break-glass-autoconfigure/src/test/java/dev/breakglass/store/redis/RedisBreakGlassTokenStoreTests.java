package dev.breakglass.store.redis;

import dev.breakglass.test.TestSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AbstractBreakGlassTokenStoreContractTests;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.Secrets;
import dev.breakglass.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

class RedisBreakGlassTokenStoreTests extends AbstractBreakGlassTokenStoreContractTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Override
	protected BreakGlassTokenStore createStore(SessionLifetime lifetime) {
		return new RedisBreakGlassTokenStore(this.keys.redis(), this.keys.prefix(), TestSecrets.HASHER,
				Clock.systemUTC(), lifetime, RedisReplicaAcknowledgement.NONE);
	}

	@Override
	protected Instant now() {
		return Instant.now();
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
	}

	@Test
	void issueStoresOnlyTheTokensHashAndWhenItWasIssuedUnderOneExpiringKey() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456Z"));
		BreakGlassTokenStore store = new RedisBreakGlassTokenStore(this.keys.redis(), this.keys.prefix(),
				TestSecrets.HASHER, clock, TTL);
		String token = store.issue(ATTRIBUTION).token();
		String key = this.keys.prefix() + "session-token";
		assertThat(this.keys.entries()).containsOnlyKeys(key)
			.containsEntry(key, "v1;64:" + TestSecrets.HASHER.hash(token)
					+ ";13:1767225600123;17:alice@example.com;23:INC-4711: database down");
		assertThat(this.keys.redis().getExpire(key)).isBetween(TTL.toSeconds() - 5, TTL.toSeconds());
		assertThat(store.lookup(token).map(ActiveToken::issuedAt)).contains(Instant.parse("2026-01-01T00:00:00.123Z"));
	}

	@Test
	void aValueWrittenWithAnUnkeyedHashOfAChosenTokenDoesNotAuthenticate() {
		// whoever can write to Redis picks a token and stores what the store would store
		BreakGlassTokenStore store = createStore(TTL);
		String chosen = Secrets.newSessionToken();
		this.keys.redis()
			.opsForValue()
			.set(this.keys.prefix() + "session-token",
					RedisValueCodec.encode(Secrets.sha256(chosen), "1767225600123", "mallory", "forged"), TTL);
		assertThat(store.lookup(chosen)).isEmpty();
		assertThat(store.revoke(chosen)).isFalse();
	}

	@Test
	void anotherNodeSeesTheTokenAndCanRevokeIt() {
		BreakGlassTokenStore node1 = createStore(TTL);
		BreakGlassTokenStore node2 = createStore(TTL);
		String token = node1.issue(ATTRIBUTION).token();
		assertThat(node2.lookup(token).map(ActiveToken::issuedAt))
			.isEqualTo(node1.lookup(token).map(ActiveToken::issuedAt))
			.isPresent();
		assertThat(node2.revoke(token)).isTrue();
		assertThat(node1.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void underAnIdleTimeoutAUseOnOneNodeKeepsTheSessionAliveOnEveryNode() {
		SessionLifetime lifetime = new SessionLifetime(TTL, Duration.ofMinutes(10));
		BreakGlassTokenStore node1 = createStore(lifetime);
		BreakGlassTokenStore node2 = createStore(lifetime);
		String token = node1.issue(ATTRIBUTION).token();
		elapse(Duration.ofMinutes(9));
		assertThat(node2.lookup(token)).isPresent();
		elapse(Duration.ofMinutes(9));
		assertThat(node1.lookup(token)).as("node 2's use started the timeout again").isPresent();
		elapse(Duration.ofMinutes(10));
		assertThat(node2.lookup(token)).isEmpty();
		assertThat(node1.active()).isEmpty();
	}

	@Test
	void underAnIdleTimeoutTheApplicationsClockReckonsTheEndOfTheTtlWhateverRedisTimeIs() {
		// an application clock far from the server's: the issue time and the uses agree
		MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
		BreakGlassTokenStore store = new RedisBreakGlassTokenStore(this.keys.redis(), this.keys.prefix(),
				TestSecrets.HASHER, clock, new SessionLifetime(TTL, Duration.ofMinutes(10)),
				RedisReplicaAcknowledgement.NONE);
		String token = store.issue(ATTRIBUTION).token();
		for (int use = 1; use <= 6; use++) {
			clock.advance(Duration.ofMinutes(9));
			this.keys.elapse(Duration.ofMinutes(9));
			assertThat(store.lookup(token)).as("use %d, %d minutes after the issue", use, use * 9).isPresent();
		}
		assertThat(this.keys.redis().getExpire(this.keys.prefix() + "session-token"))
			.as("seconds left after the use at 54 minutes: the ttl's end, not ten minutes")
			.isBetween(5L * 60 - 5, 6L * 60);
		clock.advance(Duration.ofMinutes(6));
		this.keys.elapse(Duration.ofMinutes(6));
		assertThat(store.lookup(token)).isEmpty();
	}

}
