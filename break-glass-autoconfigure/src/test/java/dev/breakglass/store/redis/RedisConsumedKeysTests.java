package dev.breakglass.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import dev.breakglass.test.TestSecrets;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a consume leaves in Redis: nothing (the key is deleted; a call whose reply was
 * lost is never sent again, see {@code RedisFaultsMidCallTests}), except a redeemed
 * code's tombstone. The marker an earlier version left for two minutes in place of a
 * consumed secret is read by every store as no value, so a rolling upgrade answers as
 * before.
 */
class RedisConsumedKeysTests {

	private static final SecretHasher HASHER = new SecretHasher("0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final String EARLIER_MARKER = RedisValueCodec.SPENT_TAG + "32:0123456789abcdef0123456789abcdef";

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Test
	void takenCodeLeavesNothing() {
		RedisAuthorizationCodeStore store = codes();
		AuthorizationCode code = new AuthorizationCode("h", "data", Instant.now().plusSeconds(60));
		store.put(code);
		assertThat(store.take("h")).contains(code);
		assertThat(this.keys.keys()).isEmpty();
		assertThat(store.take("h")).isEmpty();
		assertThat(store.redeem("h")).isEqualTo(new Redemption.Unknown());
	}

	@Test
	void redeemedCodeIsKeptAsATombstoneThatNoTakeRemoves() {
		RedisAuthorizationCodeStore store = codes();
		AuthorizationCode code = new AuthorizationCode("h", "data", Instant.now().plusSeconds(60));
		store.put(code);
		assertThat(store.redeem("h")).isEqualTo(new Redemption.Redeemed(code));
		String tombstone = this.keys.entries().get(this.keys.prefix() + "code:" + Secrets.sha256("h"));
		assertThat(tombstone).startsWith(RedisValueCodec.TOMBSTONE + ";1:h;");
		assertThat(store.redeem("h")).isInstanceOf(Redemption.AlreadyRedeemed.class);
		assertThat(store.take("h")).isEmpty();
		assertThat(store.redeem("h")).isInstanceOf(Redemption.AlreadyRedeemed.class);
	}

	@Test
	void tombstoneAnEarlierVersionWroteWithARequestIdIsStillRead() {
		RedisAuthorizationCodeStore store = codes();
		write("code:" + Secrets.sha256("h"), RedisValueCodec.TOMBSTONE_WITH_REQUEST_ID
				+ ";32:0123456789abcdef0123456789abcdef;1:h;13:1767225600000;4:data;13:1767225500000");
		assertThat(store.redeem("h"))
			.isEqualTo(new Redemption.AlreadyRedeemed("data", Instant.ofEpochMilli(1767225500000L)));
		assertThat(store.take("h")).isEmpty();
	}

	@Test
	void consumedOneTimeTokenLeavesNothing() {
		OneTimeTokenStore store = new RedisOneTimeTokenStore(this.keys.redis(), this.keys.prefix());
		String token = store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		assertThat(store.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
		assertThat(this.keys.keys()).isEmpty();
		assertThat(store.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

	@Test
	void verifiedOrWithdrawnOtpLeavesNothing() {
		OtpStore store = otps();
		String code = store.generate(ATTRIBUTION);
		assertThat(store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
		assertThat(this.keys.keys()).isEmpty();
		String next = store.generate(ATTRIBUTION);
		assertThat(store.withdraw(next)).isTrue();
		assertThat(this.keys.keys()).isEmpty();
		assertThat(store.withdraw(next)).isFalse();
	}

	@Test
	void revokedSessionTokenLeavesNothing() {
		BreakGlassTokenStore store = sessionTokens();
		String token = store.issue(ATTRIBUTION).token();
		assertThat(store.revoke(token)).isTrue();
		assertThat(this.keys.keys()).isEmpty();
		assertThat(store.revoke(token)).isFalse();
	}

	@Test
	void markerAnEarlierVersionLeftIsNoValueToEveryStore() {
		write("code:" + Secrets.sha256("h"), EARLIER_MARKER);
		assertThat(codes().take("h")).isEmpty();
		assertThat(codes().redeem("h")).isEqualTo(new Redemption.Unknown());
		String token = Secrets.newOneTimeToken();
		write("ott:" + Secrets.sha256(token), EARLIER_MARKER);
		assertThat(
				new RedisOneTimeTokenStore(this.keys.redis(), this.keys.prefix()).consume(token, TokenKind.MAGIC_LINK))
			.isEmpty();
		write("otp", EARLIER_MARKER);
		assertThat(otps().pending()).isEmpty();
		assertThat(otps().verify("123456").verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		write("session-token", EARLIER_MARKER);
		BreakGlassTokenStore sessions = sessionTokens();
		assertThat(sessions.active()).isEmpty();
		assertThat(sessions.lookup(Secrets.newSessionToken())).isEmpty();
		assertThat(sessions.issue(ATTRIBUTION).replaced()).as("a marker is no token to replace").isNull();
		assertThat(sessions.active()).isPresent();
	}

	private void write(String key, String value) {
		this.keys.redis().opsForValue().set(this.keys.prefix() + key, value, Duration.ofMinutes(1));
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
