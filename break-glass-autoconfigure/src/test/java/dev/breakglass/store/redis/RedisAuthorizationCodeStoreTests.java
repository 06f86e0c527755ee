package dev.breakglass.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAuthorizationCodeStoreTests extends AbstractAuthorizationCodeStoreContractTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	/**
	 * The store's clock: starts at the system's time, to the millisecond as Redis counts,
	 * and moves with {@link #elapse} as Redis's time to live does.
	 */
	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

	@Override
	protected AuthorizationCodeStore createStore() {
		return new RedisAuthorizationCodeStore(this.keys.redis(), this.keys.prefix(), this.clock);
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
		this.clock.advance(duration);
	}

	@Override
	protected Instant now() {
		return this.clock.instant();
	}

	@Test
	void putStoresTheCodeUnderTheHashOfItsHashUntilTheGraceAfterItsExpiry() {
		String codeHash = Secrets.sha256(Secrets.newOneTimeToken());
		AuthorizationCode code = new AuthorizationCode(codeHash, "data", now().plus(Duration.ofMinutes(10)));
		createStore().put(code);
		String key = this.keys.prefix() + "code:" + Secrets.sha256(codeHash);
		assertThat(this.keys.entries()).containsOnlyKeys(key)
			.containsEntry(key, "v1;64:" + codeHash + ";13:" + code.expiresAt().toEpochMilli() + ";4:data");
		long expected = Duration.ofMinutes(10).plus(RedisAuthorizationCodeStore.EXPIRY_GRACE).toSeconds();
		assertThat(this.keys.redis().getExpire(key)).isBetween(expected - 5, expected);
	}

	@Test
	void redeemRewritesTheCodeAsItsTombstoneUnderTheSameKeyAndTimeToLive() {
		String codeHash = Secrets.sha256(Secrets.newOneTimeToken());
		AuthorizationCode code = new AuthorizationCode(codeHash, "data", now().plus(Duration.ofMinutes(10)));
		createStore().put(code);
		String key = this.keys.prefix() + "code:" + Secrets.sha256(codeHash);
		long ttlBefore = this.keys.redis().getExpire(key, TimeUnit.MILLISECONDS);
		Redemption.Redeemed redeemed = (Redemption.Redeemed) createStore().redeem(codeHash);
		assertThat(redeemed.code()).isEqualTo(code);
		Redemption.AlreadyRedeemed again = (Redemption.AlreadyRedeemed) createStore().redeem(codeHash);
		assertThat(this.keys.entries()).containsOnlyKeys(key);
		assertThat(this.keys.entries().get(key)).as("the tombstone: the code, then when it was redeemed")
			.isEqualTo("r1;64:" + codeHash + ";13:" + code.expiresAt().toEpochMilli() + ";4:data;13:"
					+ again.redeemedAt().toEpochMilli());
		assertThat(this.keys.redis().getExpire(key, TimeUnit.MILLISECONDS)).isBetween(ttlBefore - 5000, ttlBefore);
	}

	@Test
	void tombstoneIsKeptForTheGraceAfterTheCodesExpiryLikeACode() {
		AuthorizationCode code = new AuthorizationCode("h", "data", now().plusSeconds(60));
		createStore().put(code);
		createStore().redeem("h");
		elapse(Duration.ofSeconds(60).plus(RedisAuthorizationCodeStore.EXPIRY_GRACE).minusSeconds(5));
		assertThat(createStore().redeem("h")).isInstanceOf(Redemption.AlreadyRedeemed.class);
		elapse(Duration.ofSeconds(5));
		assertThat(createStore().redeem("h")).isEqualTo(new Redemption.Unknown());
	}

	@Test
	void takeWhenExpiredLongerThanTheGraceThenEmpty() {
		AuthorizationCode code = new AuthorizationCode("h", "data", now().plusSeconds(60));
		createStore().put(code);
		elapse(Duration.ofSeconds(60).plus(RedisAuthorizationCodeStore.EXPIRY_GRACE));
		assertThat(createStore().take("h")).isEmpty();
	}

	@Test
	void putWhenAlreadyExpiredThenTakeableDuringTheGrace() {
		AuthorizationCode code = new AuthorizationCode("h", "data", now().minusSeconds(60));
		createStore().put(code);
		elapse(RedisAuthorizationCodeStore.EXPIRY_GRACE.minusSeconds(1));
		assertThat(createStore().take("h")).contains(code);
	}

	@Test
	void putWhenExpiryIsFarAwayThenRedisKeepsTheCodeAtMostAHundredYears() {
		AuthorizationCode code = new AuthorizationCode("h", "data", StoreLimits.MAX_EXPIRY);
		createStore().put(code);
		assertThat(this.keys.redis().getExpire(this.keys.prefix() + "code:" + Secrets.sha256("h")))
			.isBetween(RedisStoreCommands.MAX_TTL.toSeconds() - 5, RedisStoreCommands.MAX_TTL.toSeconds());
		assertThat(createStore().take("h")).contains(code);
	}

}
