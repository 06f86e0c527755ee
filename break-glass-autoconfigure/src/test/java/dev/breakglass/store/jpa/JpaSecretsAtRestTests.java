package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import dev.breakglass.test.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * What a reader of the database sees: hashes, never a secret, and for the OTP not even an
 * unkeyed hash that could be reversed by trying every code, and for the session token a
 * keyed one, so that who can write a row cannot mint a token.
 */
class JpaSecretsAtRestTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Test
	void noTableHoldsASecretInPlaintext() {
		String sessionToken = database.node().getBean(BreakGlassTokenStore.class).issue(ATTRIBUTION).token();
		String otp = database.node().getBean(OtpStore.class).generate(ATTRIBUTION);
		String oneTimeToken = database.node()
			.getBean(OneTimeTokenStore.class)
			.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
		List<String> rows = database.dump();
		assertThat(rows).hasSize(3);
		assertThat(String.join("\n", rows)).doesNotContain(sessionToken)
			.doesNotContain(oneTimeToken)
			.doesNotContain(otp)
			.doesNotContain(Secrets.sha256(otp))
			.doesNotContain(Secrets.sha256(sessionToken))
			.contains(sessionTokenKey().hash(sessionToken))
			.contains(Secrets.sha256(oneTimeToken));
	}

	/**
	 * The key the auto-configuration derives from {@code break-glass.secret} for session
	 * tokens; written out here so that a change of label or derivation shows.
	 */
	private static SecretHasher sessionTokenKey() {
		return SecretHasher.derive(Base64.getDecoder().decode(TestSecrets.SECRET), "break-glass session-token v1");
	}

}
