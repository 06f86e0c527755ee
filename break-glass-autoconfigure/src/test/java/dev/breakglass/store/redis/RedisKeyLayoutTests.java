package dev.breakglass.store.redis;

import dev.breakglass.test.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import org.springframework.data.redis.connection.RedisConnection;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * What the redis backend leaves in Redis: keys under the configured prefix only, each
 * with an expiry, none holding a secret in plaintext; and its scripts survive the server
 * forgetting them.
 */
class RedisKeyLayoutTests {

	private static final SecretHasher HASHER = new SecretHasher("0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final String URL = "https://client.example.com/metadata.json";

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@RegisterExtension
	final RedisTestKeys otherKeys = new RedisTestKeys(getClass());

	@Test
	void noSecretIsStoredInPlaintextInAnyKeyOrValue() {
		Stores stores = new Stores(this.keys);
		String sessionToken = stores.tokens.issue(ATTRIBUTION).token();
		String otp = stores.otps.generate(ATTRIBUTION);
		String code = Secrets.newOneTimeToken();
		stores.codes.put(new AuthorizationCode(Secrets.sha256(code), "data", Instant.now().plusSeconds(60)));
		String oneTimeToken = stores.oneTimeTokens.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
		stores.metadata.put(URL, Map.of("client_name", "app"), Instant.now().plusSeconds(60));
		Map<String, String> entries = this.keys.entries();
		assertThat(entries).hasSize(5);
		for (String secret : new String[] { sessionToken, otp, Secrets.sha256(otp), code, oneTimeToken }) {
			assertThat(entries.keySet()).noneMatch((key) -> key.contains(secret));
			assertThat(entries.values()).noneMatch((value) -> value.contains(secret));
		}
		assertThat(entries.keySet()).noneMatch((key) -> key.contains(URL));
	}

	@Test
	void keysFollowTheDocumentedLayoutAndAllExpire() {
		Stores stores = new Stores(this.keys);
		stores.tokens.issue(ATTRIBUTION).token();
		stores.otps.generate(ATTRIBUTION);
		stores.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
		String oneTimeToken = stores.oneTimeTokens.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
		stores.metadata.put(URL, Map.of("client_name", "app"), Instant.now().plusSeconds(60));
		String prefix = this.keys.prefix();
		assertThat(this.keys.keys()).containsExactlyInAnyOrder(prefix + "session-token", prefix + "otp",
				prefix + "code:" + Secrets.sha256("h"), prefix + "ott:" + Secrets.sha256(oneTimeToken),
				prefix + "metadata:" + Secrets.sha256(URL));
		for (String key : this.keys.keys()) {
			assertThat(this.keys.redis().getExpire(key)).as("seconds to live of %s", key).isPositive();
		}
	}

	@Test
	void storesUnderOnePrefixNeverSeeTheSecretsOfAnother() {
		Stores one = new Stores(this.keys);
		Stores other = new Stores(this.otherKeys);
		String sessionToken = one.tokens.issue(ATTRIBUTION).token();
		String otp = one.otps.generate(ATTRIBUTION);
		one.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
		String oneTimeToken = one.oneTimeTokens.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
		one.metadata.put(URL, Map.of("client_name", "app"), Instant.now().plusSeconds(60));

		assertThat(other.tokens.lookup(sessionToken).map(ActiveToken::issuedAt)).isEmpty();
		assertThat(other.tokens.revoke(sessionToken)).isFalse();
		assertThat(other.otps.verify(otp).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		assertThat(other.codes.take("h")).isEmpty();
		assertThat(other.oneTimeTokens.consume(oneTimeToken, TokenKind.PASSWORD_RESET)).isEmpty();
		assertThat(other.metadata.get(URL)).isEmpty();
		other.tokens.clear();
		other.otps.clear();
		assertThat(this.otherKeys.keys()).isEmpty();

		assertThat(one.tokens.lookup(sessionToken).map(ActiveToken::issuedAt)).isPresent();
		assertThat(one.otps.verify(otp).verification()).isEqualTo(OtpVerification.VALID);
		assertThat(one.codes.take("h")).isPresent();
		assertThat(one.oneTimeTokens.consume(oneTimeToken, TokenKind.PASSWORD_RESET)).contains("alice");
		assertThat(one.metadata.get(URL)).isPresent();
	}

	@Test
	void consumingWorksAfterTheServerForgetsTheScripts() {
		Stores stores = new Stores(this.keys);
		String sessionToken = stores.tokens.issue(ATTRIBUTION).token();
		String otp = stores.otps.generate(ATTRIBUTION);
		stores.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
		String oneTimeToken = stores.oneTimeTokens.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
		// Load every script once, then make the server forget them.
		assertThat(stores.tokens.revoke(Secrets.newSessionToken())).isFalse();
		assertThat(stores.codes.take("unknown")).isEmpty();
		assertThat(stores.oneTimeTokens.consume(Secrets.newOneTimeToken(), TokenKind.PASSWORD_RESET)).isEmpty();
		this.keys.redis().execute((RedisConnection connection) -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});

		assertThat(stores.otps.verify(otp).verification()).isEqualTo(OtpVerification.VALID);
		assertThat(stores.codes.take("h")).isPresent();
		assertThat(stores.oneTimeTokens.consume(oneTimeToken, TokenKind.PASSWORD_RESET)).contains("alice");
		assertThat(stores.tokens.revoke(sessionToken)).isTrue();
	}

	private static final class Stores {

		final RedisBreakGlassTokenStore tokens;

		final RedisOtpStore otps;

		final RedisAuthorizationCodeStore codes;

		final RedisOneTimeTokenStore oneTimeTokens;

		final RedisMetadataCache metadata;

		Stores(RedisTestKeys keys) {
			this.tokens = new RedisBreakGlassTokenStore(keys.redis(), keys.prefix(), TestSecrets.HASHER,
					Clock.systemUTC(), Duration.ofHours(1));
			this.otps = new RedisOtpStore(keys.redis(), keys.prefix(), HASHER, Duration.ofMinutes(10), 10);
			this.codes = new RedisAuthorizationCodeStore(keys.redis(), keys.prefix(), Clock.systemUTC());
			this.oneTimeTokens = new RedisOneTimeTokenStore(keys.redis(), keys.prefix());
			this.metadata = new RedisMetadataCache(keys.redis(), keys.prefix(), Clock.systemUTC());
		}

	}

}
