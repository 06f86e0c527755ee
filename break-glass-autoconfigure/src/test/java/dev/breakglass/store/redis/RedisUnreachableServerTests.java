package dev.breakglass.store.redis;

import dev.breakglass.test.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every store fails closed when Redis cannot be reached: each operation that needs Redis
 * throws {@link StoreUnavailableException} with the cause, never answers as if a secret
 * were valid or unknown; input it can judge alone is still answered.
 */
class RedisUnreachableServerTests {

	private static final String PREFIX = "bg-test:RedisUnreachableServerTests:";

	private static LettuceConnectionFactory unreachable;

	private static StringRedisTemplate redis;

	@BeforeAll
	static void connectToAPortNobodyListensOn() {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofMillis(500))
			.build();
		unreachable = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1), client);
		unreachable.afterPropertiesSet();
		unreachable.start();
		redis = new StringRedisTemplate(unreachable);
	}

	@AfterAll
	static void close() {
		unreachable.destroy();
	}

	@Test
	void sessionTokenStoreFailsEveryOperation() {
		BreakGlassTokenStore store = new RedisBreakGlassTokenStore(redis, PREFIX, TestSecrets.HASHER, Clock.systemUTC(),
				Duration.ofHours(1));
		String token = Secrets.newSessionToken();
		assertUnavailable(() -> store.issue(ATTRIBUTION), "Redis session token store could not issue a token");
		assertUnavailable(() -> store.lookup(token).map(ActiveToken::issuedAt),
				"Redis session token store could not look up a token");
		assertUnavailable(() -> store.revoke(token), "Redis session token store could not revoke a token");
		assertUnavailable(store::clear, "Redis session token store could not clear the token");
	}

	@Test
	void otpStoreFailsEveryOperation() {
		OtpStore store = new RedisOtpStore(redis, PREFIX,
				new SecretHasher("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(10), 6);
		assertUnavailable(() -> store.generate(ATTRIBUTION), "Redis OTP store could not generate an OTP");
		assertUnavailable(() -> store.verify("123456").verification(), "Redis OTP store could not verify an OTP");
		assertUnavailable(() -> store.verify("not a code").verification(), "Redis OTP store could not verify an OTP");
		assertUnavailable(store::clear, "Redis OTP store could not clear the OTP");
	}

	@Test
	void authorizationCodeStoreFailsEveryOperation() {
		RedisAuthorizationCodeStore store = new RedisAuthorizationCodeStore(redis, PREFIX, Clock.systemUTC());
		AuthorizationCode code = new AuthorizationCode("h", "data", Instant.now().plusSeconds(60));
		assertUnavailable(() -> store.put(code), "Redis authorization code store could not put a code");
		assertUnavailable(() -> store.take("h"), "Redis authorization code store could not take a code");
	}

	@Test
	void metadataCacheFailsEveryOperationThatNeedsRedis() {
		MetadataCache cache = new RedisMetadataCache(redis, PREFIX, Clock.systemUTC());
		String url = "https://client.example.com/metadata.json";
		assertUnavailable(() -> cache.put(url, Map.of("a", 1), Instant.now().plusSeconds(60)),
				"Redis metadata cache could not put a document");
		assertUnavailable(() -> cache.put(url, Map.of("a", 1), Instant.now().minusSeconds(60)),
				"Redis metadata cache could not put a document");
		assertUnavailable(() -> cache.get(url), "Redis metadata cache could not get a document");
		assertUnavailable(cache::sweep, "Redis metadata cache could not sweep");
	}

	@Test
	void oneTimeTokenStoreFailsEveryOperation() {
		OneTimeTokenStore store = new RedisOneTimeTokenStore(redis, PREFIX);
		assertUnavailable(() -> store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5)),
				"Redis one-time token store could not issue a token");
		assertUnavailable(() -> store.consume(Secrets.newOneTimeToken(), TokenKind.MAGIC_LINK),
				"Redis one-time token store could not consume a token");
	}

	@Test
	void inputThatCannotMatchIsAnsweredWithoutAskingRedis() {
		BreakGlassTokenStore tokens = new RedisBreakGlassTokenStore(redis, PREFIX, TestSecrets.HASHER,
				Clock.systemUTC(), Duration.ofHours(1));
		assertThat(tokens.lookup("not a token").map(ActiveToken::issuedAt)).isEmpty();
		assertThat(tokens.revoke("A".repeat(100_000))).isFalse();
		assertThat(new RedisOneTimeTokenStore(redis, PREFIX).consume("G".repeat(64), TokenKind.MAGIC_LINK)).isEmpty();
		RedisAuthorizationCodeStore codes = new RedisAuthorizationCodeStore(redis, PREFIX, Clock.systemUTC());
		assertThat(codes.take(" ")).isEmpty();
		assertThat(codes.take("x".repeat(100_000))).isEmpty();
		MetadataCache cache = new RedisMetadataCache(redis, PREFIX, Clock.systemUTC());
		assertThat(cache.get("https://exämple.com")).isEmpty();
		assertThat(cache.get("")).isEmpty();
	}

	private static void assertUnavailable(ThrowingCallable operation, String message) {
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(operation)
			.withMessageStartingWith(message)
			.withCauseInstanceOf(DataAccessException.class);
	}

}
