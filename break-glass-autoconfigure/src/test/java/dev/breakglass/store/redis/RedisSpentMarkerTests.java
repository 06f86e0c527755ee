package dev.breakglass.store.redis;

import dev.breakglass.test.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import org.springframework.data.redis.core.script.RedisScript;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The marker a consuming script leaves in place of what it consumed: every other call
 * takes it for an absent key, writes over it as over nothing (except a code's
 * {@code SET NX}, while it lives), and Redis expires it after
 * {@link RedisSpentMarker#LIFETIME}; the script that left it, run again, answers
 * "replayed". The store turning that answer into an exception is proven end to end by
 * {@link RedisFaultsMidCallTests}.
 */
class RedisSpentMarkerTests {

	private static final SecretHasher HASHER = new SecretHasher("0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Test
	void takenCodeLeavesAMarkerThatEveryOtherCallTakesForAnUnknownCode() {
		RedisAuthorizationCodeStore store = codes();
		AuthorizationCode code = new AuthorizationCode("h", "data", Instant.now().plusSeconds(60));
		store.put(code);
		assertThat(store.take("h")).contains(code);
		assertMarkerLeftAt("code:" + Secrets.sha256("h"));
		assertThat(store.take("h")).isEmpty();
		assertThat(store.redeem("h")).isEqualTo(new Redemption.Unknown());
		assertMarkerLeftAt("code:" + Secrets.sha256("h"));
	}

	@Test
	void markerOfATakenCodeBlocksAPutOfTheSameHashOnlyWhileItLives() {
		RedisAuthorizationCodeStore store = codes();
		AuthorizationCode code = new AuthorizationCode("h", "data", Instant.now().plusSeconds(60));
		store.put(code);
		store.take("h");
		assertThatExceptionOfType(DuplicateCodeException.class).isThrownBy(() -> store.put(code));
		this.keys.elapse(RedisSpentMarker.LIFETIME);
		assertThat(this.keys.keys()).isEmpty();
		store.put(code);
		assertThat(store.take("h")).contains(code);
	}

	@Test
	void redeemedCodeIsKeptAsATombstoneThatNamesTheRedemptionNotAsAMarker() {
		RedisAuthorizationCodeStore store = codes();
		AuthorizationCode code = new AuthorizationCode("h", "data", Instant.now().plusSeconds(60));
		store.put(code);
		assertThat(store.redeem("h")).isEqualTo(new Redemption.Redeemed(code));
		String tombstone = this.keys.entries().get(this.keys.prefix() + "code:" + Secrets.sha256("h"));
		assertThat(tombstone).startsWith(RedisValueCodec.TOMBSTONE + ";32:");
		assertThat(store.redeem("h")).isInstanceOf(Redemption.AlreadyRedeemed.class);
		assertThat(store.take("h")).isEmpty();
	}

	@Test
	void tombstoneWrittenBeforeTombstonesNamedTheRedemptionIsStillRead() {
		RedisAuthorizationCodeStore store = codes();
		this.keys.redis()
			.opsForValue()
			.set(this.keys.prefix() + "code:" + Secrets.sha256("h"),
					RedisValueCodec.TOMBSTONE_V1 + ";1:h;13:1767225600000;4:data;13:1767225500000",
					Duration.ofMinutes(1));
		assertThat(store.redeem("h"))
			.isEqualTo(new Redemption.AlreadyRedeemed("data", Instant.ofEpochMilli(1767225500000L)));
		assertThat(store.take("h")).isEmpty();
	}

	@Test
	void consumedOneTimeTokenLeavesAMarkerThatEveryOtherConsumeTakesForAnUnknownToken() {
		OneTimeTokenStore store = new RedisOneTimeTokenStore(this.keys.redis(), this.keys.prefix());
		String token = store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		assertThat(store.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
		assertMarkerLeftAt("ott:" + Secrets.sha256(token));
		assertThat(store.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(store.consume(token, TokenKind.PASSWORD_RESET)).isEmpty();
	}

	@Test
	void verifiedOtpLeavesAMarkerThatEveryOtherCallTakesForNoPendingOtp() {
		OtpStore store = otps();
		String code = store.generate(ATTRIBUTION);
		assertThat(store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
		assertMarkerLeftAt("otp");
		assertThat(store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		assertThat(store.pending()).isEmpty();
		assertThat(store.withdraw(code)).isFalse();
		String next = store.generate(ATTRIBUTION);
		assertThat(store.pending()).isPresent();
		assertThat(store.verify(next).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void withdrawnOtpLeavesAMarkerThatEveryOtherCallTakesForNoPendingOtp() {
		OtpStore store = otps();
		String code = store.generate(ATTRIBUTION);
		assertThat(store.withdraw(code)).isTrue();
		assertMarkerLeftAt("otp");
		assertThat(store.withdraw(code)).isFalse();
		assertThat(store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void revokedSessionTokenLeavesAMarkerThatEveryOtherCallTakesForNoToken() {
		BreakGlassTokenStore store = sessionTokens();
		String token = store.issue(ATTRIBUTION).token();
		assertThat(store.revoke(token)).isTrue();
		assertMarkerLeftAt("session-token");
		assertThat(store.revoke(token)).isFalse();
		assertThat(store.lookup(token)).isEmpty();
		assertThat(store.active()).isEmpty();
		assertThat(store.issue(ATTRIBUTION).replaced()).as("a marker is no token to replace").isNull();
		assertThat(store.active()).isPresent();
	}

	@Test
	void markerExpiresAfterItsLifetime() {
		BreakGlassTokenStore store = sessionTokens();
		store.revoke(store.issue(ATTRIBUTION).token());
		this.keys.elapse(RedisSpentMarker.LIFETIME.minusSeconds(1));
		assertMarkerLeftAt("session-token");
		this.keys.elapse(Duration.ofSeconds(1));
		assertThat(this.keys.keys()).isEmpty();
	}

	@Test
	void markerLooksLikeNoValueAStoreWrites() {
		String marker = RedisSpentMarker.next().value();
		assertThat(marker).matches("s1;32:[0-9a-f]{32}");
		assertThat(RedisSpentMarker.next().value()).isNotEqualTo(marker);
		assertThat(RedisSpentMarker.isMarker(marker)).isTrue();
		assertThat(RedisSpentMarker.isMarker(RedisValueCodec.encode("s1"))).isFalse();
		assertThat(RedisSpentMarker.isMarker(null)).isFalse();
	}

	@Test
	void verifyScriptRunAgainWithItsOwnMarkerAnswersReplayedAndOthersNotFound() {
		String code = otps().generate(ATTRIBUTION);
		RedisSpentMarker marker = RedisSpentMarker.next();
		@SuppressWarnings("rawtypes")
		RedisScript<List> take = RedisScript.of(RedisOtpStore.TAKE_SCRIPT, List.class);
		List<String> key = List.of(this.keys.prefix() + "otp");
		assertThat(this.keys.redis()
			.execute(take, key, marker.value(), RedisSpentMarker.lifetimeMillis(), RedisSpentMarker.PREFIX)).hasSize(2);
		assertThat(this.keys.redis()
			.execute(take, key, marker.value(), RedisSpentMarker.lifetimeMillis(), RedisSpentMarker.PREFIX))
			.containsExactly(marker.value());
		assertThat(this.keys.redis()
			.execute(take, key, RedisSpentMarker.next().value(), RedisSpentMarker.lifetimeMillis(),
					RedisSpentMarker.PREFIX))
			.isEmpty();
		assertThat(otps().verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void revokeScriptRunAgainWithItsOwnMarkerAnswersReplayedAndOthersNotFound() {
		String token = sessionTokens().issue(ATTRIBUTION).token();
		RedisSpentMarker marker = RedisSpentMarker.next();
		RedisScript<Long> revoke = RedisScript.of(RedisBreakGlassTokenStore.REVOKE_SCRIPT, Long.class);
		List<String> key = List.of(this.keys.prefix() + "session-token");
		String prefix = RedisValueCodec.prefix(TestSecrets.HASHER.hash(token));
		assertThat(this.keys.redis().execute(revoke, key, prefix, marker.value(), RedisSpentMarker.lifetimeMillis()))
			.isEqualTo(1);
		assertThat(this.keys.redis().execute(revoke, key, prefix, marker.value(), RedisSpentMarker.lifetimeMillis()))
			.isEqualTo(2);
		assertThat(this.keys.redis()
			.execute(revoke, key, prefix, RedisSpentMarker.next().value(), RedisSpentMarker.lifetimeMillis())).isZero();
	}

	private void assertMarkerLeftAt(String key) {
		String fullKey = this.keys.prefix() + key;
		assertThat(this.keys.entries()).containsOnlyKeys(fullKey);
		assertThat(RedisSpentMarker.isMarker(this.keys.entries().get(fullKey))).as("a marker is left").isTrue();
		assertThat(this.keys.redis().getExpire(fullKey, TimeUnit.MILLISECONDS)).as("it expires")
			.isPositive()
			.isLessThanOrEqualTo(RedisSpentMarker.LIFETIME.toMillis());
	}

	private RedisAuthorizationCodeStore codes() {
		return new RedisAuthorizationCodeStore(this.keys.redis(), this.keys.prefix(), Clock.systemUTC());
	}

	private OtpStore otps() {
		return new RedisOtpStore(this.keys.redis(), this.keys.prefix(), HASHER, Duration.ofMinutes(10), 6);
	}

	private BreakGlassTokenStore sessionTokens() {
		return new RedisBreakGlassTokenStore(this.keys.redis(), this.keys.prefix(), TestSecrets.HASHER,
				Clock.systemUTC(), Duration.ofHours(1));
	}

}
