package dev.breakglass.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractOneTimeTokenStoreContractTests;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisOneTimeTokenStoreTests extends AbstractOneTimeTokenStoreContractTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Override
	protected OneTimeTokenStore createStore() {
		return new RedisOneTimeTokenStore(this.keys.redis(), this.keys.prefix());
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
	}

	@Test
	void issueStoresOnlyKindAndSubjectUnderTheTokensHashUntilItExpires() {
		String token = createStore().issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(30));
		String key = this.keys.prefix() + "ott:" + Secrets.sha256(token);
		assertThat(this.keys.entries()).containsOnlyKeys(key).containsEntry(key, "v1;10:MAGIC_LINK;5:alice");
		assertThat(this.keys.redis().getExpire(key)).isBetween(30 * 60L - 5, 30 * 60L);
	}

	@Test
	void issueWhenTtlHasAFractionOfAMillisecondThenRedisKeepsTheTokenTheNextWholeMillisecond() {
		Duration ttl = Duration.ofMinutes(30).plusNanos(1);
		String token = createStore().issue("alice", TokenKind.MAGIC_LINK, ttl);
		Long left = this.keys.redis()
			.getExpire(this.keys.prefix() + "ott:" + Secrets.sha256(token), TimeUnit.MILLISECONDS);
		assertThat(left).isBetween(ttl.toMillis() - 5_000, ttl.toMillis() + 1);
		assertThat(RedisStoreCommands.expiration(Duration.ofNanos(1)).getExpirationTimeInMilliseconds()).isOne();
		assertThat(RedisStoreCommands.expiration(ttl).getExpirationTimeInMilliseconds()).isEqualTo(ttl.toMillis() + 1);
	}

	@Override
	protected Instant now() {
		// Redis runs on this machine: its clock is this one.
		return Instant.now();
	}

	@Test
	void consumeWhenTheKeyNeverExpiresThenFailsClosedAndSpendsIt() {
		String token = Secrets.newOneTimeToken();
		String key = this.keys.prefix() + "ott:" + Secrets.sha256(token);
		this.keys.redis().opsForValue().set(key, "v1;10:MAGIC_LINK;5:alice");
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> createStore().consumeToken(token, TokenKind.MAGIC_LINK))
			.withMessageContaining("cannot read")
			.withMessageNotContaining(token);
		assertThat(this.keys.entries()).as("spent").isEmpty();
	}

}
