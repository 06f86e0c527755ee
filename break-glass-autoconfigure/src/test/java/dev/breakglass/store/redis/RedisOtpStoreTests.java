package dev.breakglass.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractOtpStoreContractTests;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

class RedisOtpStoreTests extends AbstractOtpStoreContractTests {

	private static final SecretHasher HASHER = new SecretHasher(
			"test secret of the OTP store".getBytes(StandardCharsets.UTF_8));

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Override
	protected OtpStore createStore(Duration ttl, int length) {
		return new RedisOtpStore(this.keys.redis(), this.keys.prefix(), HASHER, ttl, length);
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
	}

	@Test
	void generateStoresOnlyAKeyedHashOfTheCodeUnderAKeyThatOutlivesTheOtpByTheRetention() {
		String code = createStore(TTL, 6).generate(ATTRIBUTION);
		String key = this.keys.prefix() + "otp";
		assertThat(this.keys.entries()).containsOnlyKeys(key)
			.containsEntry(key, "v1;64:" + HASHER.hash(code) + ";17:alice@example.com;23:INC-4711: database down");
		assertThat(this.keys.entries().get(key)).doesNotContain(Secrets.sha256(code));
		long expected = TTL.plus(PendingOtp.EXPIRED_RETENTION).toSeconds();
		assertThat(this.keys.redis().getExpire(key)).isBetween(expected - 5, expected);
	}

	@Test
	void verifyOnAnotherNodeWithTheSameSecretThenValid() {
		String code = createStore(TTL, 6).generate(ATTRIBUTION);
		assertThat(createStore(TTL, 6).verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void verifyOnANodeWithAnotherSecretThenInvalid() {
		String code = createStore(TTL, 6).generate(ATTRIBUTION);
		SecretHasher otherSecret = new SecretHasher("another secret of sixteen".getBytes(StandardCharsets.UTF_8));
		OtpStore otherNode = new RedisOtpStore(this.keys.redis(), this.keys.prefix(), otherSecret, TTL, 6);
		assertThat(otherNode.verify(code).verification()).isEqualTo(OtpVerification.INVALID);
	}

}
