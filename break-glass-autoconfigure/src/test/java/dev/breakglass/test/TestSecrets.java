package dev.breakglass.test;

import java.util.Base64;

import dev.breakglass.store.SecretHasher;

/**
 * The {@code break-glass.secret} of the tests: 32 random bytes, Base64-encoded, as
 * {@code openssl rand -base64 32} makes one. Never a secret of a deployment.
 */
public final class TestSecrets {

	/**
	 * The secret, as {@code break-glass.secret} takes it.
	 */
	public static final String SECRET = "+nk9hAYfAt4ajxEN5UCJ0lWp0EHetEa0JzfLDQYcws8=";

	/**
	 * A hasher under a key of its own, for stores built without the auto-configuration.
	 */
	public static final SecretHasher HASHER = SecretHasher.derive(Base64.getDecoder().decode(SECRET), "test");

	private TestSecrets() {
	}

}
