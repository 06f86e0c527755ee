package dev.breakglass.store.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractAttemptCounterStoreContractTests;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisAttemptCounterStoreTests extends AbstractAttemptCounterStoreContractTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Override
	protected AttemptCounterStore createStore() {
		return new RedisAttemptCounterStore(this.keys.redis(), this.keys.prefix());
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
	}

	@Test
	void aCounterIsOneKeyNamedByAHashOfItsNameThatExpiresWithItsWindow() {
		createStore().countInWindow("otp-requests:requester:alice", 3, Duration.ofMinutes(15));
		String key = this.keys.prefix() + "attempts:" + Secrets.sha256("otp-requests:requester:alice");
		assertThat(this.keys.entries()).containsOnlyKeys(key).containsEntry(key, "1");
		assertThat(this.keys.redis().getExpire(key)).isBetween(Duration.ofMinutes(15).toSeconds() - 5,
				Duration.ofMinutes(15).toSeconds());
	}

	@Test
	void aCounterThatHoldsNoNumberFailsClosed() {
		String key = this.keys.prefix() + "attempts:" + Secrets.sha256("opens");
		this.keys.redis().opsForValue().set(key, "garbage", Duration.ofMinutes(1));
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> createStore().countConsecutive("opens", 5, Duration.ofMinutes(1)))
			.withMessageContaining("count an attempt");
	}

	@Test
	void aCounterWithoutExpiryStartsANewWindowInsteadOfLockingForever() {
		String key = this.keys.prefix() + "attempts:" + Secrets.sha256("opens");
		this.keys.redis().opsForValue().set(key, "99");
		assertThat(createStore().countConsecutive("opens", 5, Duration.ofMinutes(1)).attempts()).isOne();
	}

}
