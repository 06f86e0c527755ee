package dev.breakglass.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of break-glass.
 */
@ConfigurationProperties("break-glass")
public class BreakGlassProperties {

	/**
	 * Whether to enable break-glass. When false, no break-glass bean is defined.
	 */
	private boolean enabled = true;

	/**
	 * Backend of every store that does not set its own.
	 */
	private StoreType store = StoreType.MEMORY;

	/**
	 * Key for hashing OTPs at rest in the jpa and redis backends. Must be the same on
	 * every node; when unset, each node uses a random key of its own.
	 */
	private @Nullable String secret;

	private final SessionToken sessionToken = new SessionToken();

	private final Otp otp = new Otp();

	private final Store authorizationCode = new Store();

	private final MetadataCache metadataCache = new MetadataCache();

	private final Store oneTimeToken = new Store();

	private final Jpa jpa = new Jpa();

	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public StoreType getStore() {
		return this.store;
	}

	public void setStore(StoreType store) {
		this.store = store;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public SessionToken getSessionToken() {
		return this.sessionToken;
	}

	public Otp getOtp() {
		return this.otp;
	}

	public Store getAuthorizationCode() {
		return this.authorizationCode;
	}

	public MetadataCache getMetadataCache() {
		return this.metadataCache;
	}

	public Store getOneTimeToken() {
		return this.oneTimeToken;
	}

	public Jpa getJpa() {
		return this.jpa;
	}

	public Redis getRedis() {
		return this.redis;
	}

	private static Duration positive(Duration duration, String name) {
		Assert.isTrue(duration.compareTo(Duration.ZERO) > 0, () -> name + " must be positive, but is " + duration);
		return duration;
	}

	/**
	 * Backend selection of one store.
	 */
	public static class Store {

		/**
		 * Backend of this store, overriding 'break-glass.store'.
		 */
		private @Nullable StoreType store;

		public @Nullable StoreType getStore() {
			return this.store;
		}

		public void setStore(@Nullable StoreType store) {
			this.store = store;
		}

	}

	/**
	 * Break-glass session token.
	 */
	public static class SessionToken extends Store {

		/**
		 * How long a break-glass session lasts unless closed before.
		 */
		private Duration ttl = Duration.ofHours(1);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = StoreLimits.checkTtl(ttl);
		}

	}

	/**
	 * Pending one-time password.
	 */
	public static class Otp extends Store {

		/**
		 * How long an OTP can be exchanged for a session.
		 */
		private Duration ttl = Duration.ofMinutes(10);

		/**
		 * Number of digits of an OTP, from 6 to 10.
		 */
		private int length = 6;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = StoreLimits.checkTtl(ttl);
		}

		public int getLength() {
			return this.length;
		}

		public void setLength(int length) {
			this.length = StoreLimits.checkOtpLength(length);
		}

	}

	/**
	 * Cache of validated metadata documents.
	 */
	public static class MetadataCache extends Store {

		/**
		 * Time between two sweeps of expired entries by the jpa backend.
		 */
		private Duration sweepInterval = Duration.ofMinutes(5);

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = positive(sweepInterval, "sweep-interval");
		}

	}

	/**
	 * JPA backend.
	 */
	public static class Jpa {

		/**
		 * Whether to apply the starter's own Flyway migrations at start-up, with a
		 * history table of their own.
		 */
		private boolean migrate = true;

		public boolean isMigrate() {
			return this.migrate;
		}

		public void setMigrate(boolean migrate) {
			this.migrate = migrate;
		}

	}

	/**
	 * Redis backend.
	 */
	public static class Redis {

		/**
		 * Prefix of every key the redis backend writes.
		 */
		private String keyPrefix = "break-glass:";

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			Assert.hasText(keyPrefix, "key-prefix must not be empty");
			this.keyPrefix = keyPrefix;
		}

	}

}
