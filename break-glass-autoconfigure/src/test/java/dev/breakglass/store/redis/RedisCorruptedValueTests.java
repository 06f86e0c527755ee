package dev.breakglass.store.redis;

import dev.breakglass.test.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A value break-glass did not write, found under one of its keys, gets a clear exception
 * or a negative answer, never a grant; a consuming operation spends it all the same.
 */
class RedisCorruptedValueTests {

	private static final SecretHasher HASHER = new SecretHasher("0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final String URL = "https://client.example.com/metadata.json";

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private final String prefix = this.keys.prefix();

	/**
	 * Values no store can read, whatever number of fields it expects.
	 */
	static Stream<String> unreadable() {
		return Stream.of("", "garbage", "v2;3:abc", "V1;3:abc", "v10;3:abc", "v1", "v1;", "v1;:abc", "v1;x:abc",
				"v1;-1:a", "v1;999:abc", "v1;1234567890:a", "v1;3:abc;", "v1;3:abc;3:def;3:ghi;3:jkl;3:mno;3:pqr",
				"v1;3:abc;3:def;3:ghi;3:jkl;3:mno", "\0\0\0");
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void sessionTokenLookupThrowsAndRevokeIsFalse(String value) {
		BreakGlassTokenStore store = new RedisBreakGlassTokenStore(this.keys.redis(), this.prefix, TestSecrets.HASHER,
				Clock.systemUTC(), Duration.ofHours(1));
		write("session-token", value);
		assertUnreadable(() -> store.lookup(Secrets.newSessionToken()).map(ActiveToken::issuedAt));
		assertThat(store.revoke(Secrets.newSessionToken())).isFalse();
		assertThat(this.keys.entries()).as("a revoke that matches nothing deletes nothing")
			.containsEntry(this.prefix + "session-token", value);
	}

	@Test
	void sessionTokenWithTheRightHashButNoValidIssueInstantIsNotGranted() {
		BreakGlassTokenStore store = new RedisBreakGlassTokenStore(this.keys.redis(), this.prefix, TestSecrets.HASHER,
				Clock.systemUTC(), Duration.ofHours(1));
		String token = Secrets.newSessionToken();
		write("session-token", RedisValueCodec.encode(TestSecrets.HASHER.hash(token), "yesterday", "alice", "why"));
		assertUnreadable(() -> store.lookup(token));
		write("session-token", RedisValueCodec.encode(TestSecrets.HASHER.hash(token)));
		assertUnreadable(() -> store.lookup(token));
		write("session-token", RedisValueCodec.encode(TestSecrets.HASHER.hash(token), "1767225600000"));
		assertUnreadable(() -> store.lookup(token));
	}

	@Test
	void sessionTokenWithARequesterBreakGlassWouldNotHaveWrittenIsNotGranted() {
		BreakGlassTokenStore store = new RedisBreakGlassTokenStore(this.keys.redis(), this.prefix, TestSecrets.HASHER,
				Clock.systemUTC(), Duration.ofHours(1));
		String token = Secrets.newSessionToken();
		write("session-token",
				RedisValueCodec.encode(TestSecrets.HASHER.hash(token), "1767225600000", "alice\nforged", "why"));
		assertUnreadable(() -> store.lookup(token));
		write("session-token", RedisValueCodec.encode(TestSecrets.HASHER.hash(token), "1767225600000", "", "why"));
		assertUnreadable(() -> store.lookup(token));
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void otpVerifyThrowsAndSpendsTheValue(String value) {
		OtpStore store = otpStore();
		write("otp", value);
		assertUnreadable(() -> store.verify("123456").verification());
		assertSpent();
	}

	@Test
	void otpWithoutAnExpiryThrowsAndIsSpent() {
		this.keys.redis()
			.opsForValue()
			.set(this.prefix + "otp", RedisValueCodec.encode(HASHER.hash("123456"), "alice", "why"));
		assertUnreadable(() -> otpStore().verify("123456").verification());
		assertSpent();
	}

	@Test
	void otpWithAnUnkeyedHashOfTheCodeIsInvalid() {
		this.keys.redis()
			.opsForValue()
			.set(this.prefix + "otp", RedisValueCodec.encode(Secrets.sha256("123456"), "alice", "why"),
					Duration.ofMinutes(10).plus(PendingOtp.EXPIRED_RETENTION));
		assertThat(otpStore().verify("123456").verification()).isEqualTo(OtpVerification.INVALID);
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void authorizationCodeTakeThrowsAndSpendsTheValue(String value) {
		RedisAuthorizationCodeStore store = new RedisAuthorizationCodeStore(this.keys.redis(), this.prefix,
				Clock.systemUTC());
		write("code:" + Secrets.sha256("h"), value);
		assertUnreadable(() -> store.take("h"));
		assertSpent();
	}

	@Test
	void authorizationCodeStoredUnderAnotherCodesKeyIsNotReturned() {
		RedisAuthorizationCodeStore store = new RedisAuthorizationCodeStore(this.keys.redis(), this.prefix,
				Clock.systemUTC());
		write("code:" + Secrets.sha256("h"), RedisValueCodec.encode("other", "1767225600000", "data"));
		assertUnreadable(() -> store.take("h"));
		write("code:" + Secrets.sha256("h"), RedisValueCodec.encode("h", "soon", "data"));
		assertUnreadable(() -> store.take("h"));
		write("code:" + Secrets.sha256("h"), RedisValueCodec.encode("h", "1767225600000", "x".repeat(70_000)));
		assertUnreadable(() -> store.take("h"));
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void authorizationCodeRedeemThrowsAndSoDoesEveryLaterOne(String value) {
		RedisAuthorizationCodeStore store = new RedisAuthorizationCodeStore(this.keys.redis(), this.prefix,
				Clock.systemUTC());
		write("code:" + Secrets.sha256("h"), value);
		assertUnreadable(() -> store.redeem("h"));
		// The script cannot parse a value: one that merely starts like a code becomes a
		// tombstone as unreadable as it was, never a grant.
		assertUnreadable(() -> store.redeem("h"));
	}

	@Test
	void authorizationCodeTombstoneThatIsUnreadableOrUnderAnotherCodesKeyIsNotReturned() {
		RedisAuthorizationCodeStore store = new RedisAuthorizationCodeStore(this.keys.redis(), this.prefix,
				Clock.systemUTC());
		String key = "code:" + Secrets.sha256("h");
		String tombstone = RedisValueCodec.encode("other", "1767225600000", "data", "1767225500000")
			.replaceFirst(RedisValueCodec.VERSION, RedisValueCodec.TOMBSTONE);
		write(key, tombstone);
		assertUnreadable(() -> store.redeem("h"));
		write(key, tombstone.replace(";5:other", ";1:h").replace("1767225500000", "yesterday0000"));
		assertUnreadable(() -> store.redeem("h"));
		write(key, RedisValueCodec.TOMBSTONE + ";1:h;13:1767225600000;4:data");
		assertUnreadable(() -> store.redeem("h"));
		assertThat(store.take("h")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void oneTimeTokenConsumeThrowsAndSpendsTheValue(String value) {
		OneTimeTokenStore store = new RedisOneTimeTokenStore(this.keys.redis(), this.prefix);
		String token = Secrets.newOneTimeToken();
		write("ott:" + Secrets.sha256(token), value);
		assertUnreadable(() -> store.consume(token, TokenKind.MAGIC_LINK));
		assertSpent();
	}

	@Test
	void oneTimeTokenOfAnUnknownKindIsNotReturned() {
		OneTimeTokenStore store = new RedisOneTimeTokenStore(this.keys.redis(), this.prefix);
		String token = Secrets.newOneTimeToken();
		write("ott:" + Secrets.sha256(token), RedisValueCodec.encode("ADMIN", "alice"));
		assertUnreadable(() -> store.consume(token, TokenKind.MAGIC_LINK));
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void metadataGetThrowsAndKeepsTheValue(String value) {
		MetadataCache cache = new RedisMetadataCache(this.keys.redis(), this.prefix, Clock.systemUTC());
		write("metadata:" + Secrets.sha256(URL), value);
		assertUnreadable(() -> cache.get(URL));
		assertThat(this.keys.keys()).hasSize(1);
	}

	@Test
	void metadataThatIsNotAJsonObjectThrows() {
		MetadataCache cache = new RedisMetadataCache(this.keys.redis(), this.prefix, Clock.systemUTC());
		for (String json : new String[] { "null", "[1]", "42", "\"text\"", "{", "{\"a\":}", "" }) {
			write("metadata:" + Secrets.sha256(URL), RedisValueCodec.encode(json));
			assertUnreadable(() -> cache.get(URL));
		}
	}

	@Test
	void aKeyOfAnotherTypeFailsEveryStoreWithTheRedisError() {
		String token = Secrets.newOneTimeToken();
		for (String key : new String[] { "session-token", "otp", "code:" + Secrets.sha256("h"),
				"ott:" + Secrets.sha256(token), "metadata:" + Secrets.sha256(URL) }) {
			this.keys.redis().opsForList().leftPush(this.prefix + key, "not a string");
		}
		BreakGlassTokenStore tokens = new RedisBreakGlassTokenStore(this.keys.redis(), this.prefix, TestSecrets.HASHER,
				Clock.systemUTC(), Duration.ofHours(1));
		assertRefused(() -> tokens.lookup(Secrets.newSessionToken()).map(ActiveToken::issuedAt));
		assertRefused(() -> tokens.revoke(Secrets.newSessionToken()));
		assertRefused(() -> otpStore().verify("123456").verification());
		assertRefused(
				() -> new RedisAuthorizationCodeStore(this.keys.redis(), this.prefix, Clock.systemUTC()).take("h"));
		assertRefused(
				() -> new RedisAuthorizationCodeStore(this.keys.redis(), this.prefix, Clock.systemUTC()).redeem("h"));
		assertRefused(
				() -> new RedisOneTimeTokenStore(this.keys.redis(), this.prefix).consume(token, TokenKind.MAGIC_LINK));
		assertRefused(() -> new RedisMetadataCache(this.keys.redis(), this.prefix, Clock.systemUTC()).get(URL));
	}

	private OtpStore otpStore() {
		return new RedisOtpStore(this.keys.redis(), this.prefix, HASHER, Duration.ofMinutes(10), 6);
	}

	private void write(String key, String value) {
		this.keys.redis().opsForValue().set(this.prefix + key, value, Duration.ofMinutes(1));
	}

	private void assertSpent() {
		assertThat(this.keys.entries()).as("the value is spent: nothing stays").isEmpty();
	}

	private static void assertUnreadable(ThrowingCallable operation) {
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(operation)
			.withMessageContaining("Redis holds a value break-glass cannot read")
			.withCauseInstanceOf(InvalidRedisValueException.class);
	}

	private static void assertRefused(ThrowingCallable operation) {
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(operation)
			.withMessageContaining("Redis is unreachable or refused the command")
			.withCauseInstanceOf(DataAccessException.class);
	}

}
