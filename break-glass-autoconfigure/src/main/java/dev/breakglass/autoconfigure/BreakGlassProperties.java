package dev.breakglass.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.breakglass.security.BreakGlassAuthenticationProvider;
import dev.breakglass.service.BreakGlassLimits;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;
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
	 * Key for hashing OTPs at rest in the jpa and redis backends, required there and the
	 * same on every node.
	 */
	private @Nullable String secret;

	private final SessionToken sessionToken = new SessionToken();

	private final Otp otp = new Otp();

	private final Store authorizationCode = new Store();

	private final MetadataCache metadataCache = new MetadataCache();

	private final OneTimeToken oneTimeToken = new OneTimeToken();

	private final Jpa jpa = new Jpa();

	private final Redis redis = new Redis();

	private final Limits limits = new Limits();

	private final Audit audit = new Audit();

	private final Justification justification = new Justification();

	private final Approval approval = new Approval();

	private final Security security = new Security();

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

	public OneTimeToken getOneTimeToken() {
		return this.oneTimeToken;
	}

	public Jpa getJpa() {
		return this.jpa;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Audit getAudit() {
		return this.audit;
	}

	public Justification getJustification() {
		return this.justification;
	}

	public Approval getApproval() {
		return this.approval;
	}

	public Security getSecurity() {
		return this.security;
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

		/**
		 * How long a break-glass session lasts without being used: each request it
		 * authenticates starts the timeout again, never past the ttl. None by default.
		 */
		private @Nullable Duration idleTimeout;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = StoreLimits.checkTtl(ttl);
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			Assert.isTrue(idleTimeout == null || StoreLimits.isTtl(idleTimeout),
					() -> "break-glass.session-token.idle-timeout must be positive and at most " + StoreLimits.MAX_TTL
							+ ", but is " + idleTimeout);
			this.idleTimeout = idleTimeout;
		}

		/**
		 * The lifetime the token store applies.
		 * @return the ttl and the idle timeout
		 */
		public SessionLifetime lifetime() {
			return new SessionLifetime(this.ttl, this.idleTimeout);
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

		/**
		 * Whether the default OtpSender may write OTPs to the log on a jpa or redis OTP
		 * store, for development only.
		 */
		private boolean logOtp;

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

		public boolean isLogOtp() {
			return this.logOtp;
		}

		public void setLogOtp(boolean logOtp) {
			this.logOtp = logOtp;
		}

	}

	/**
	 * Cache of validated metadata documents.
	 */
	public static class MetadataCache extends Store {

		/**
		 * Replaced by {@code break-glass.jpa.sweep-cron}; refused so that a schedule set
		 * here is never silently ignored.
		 * @param sweepInterval any value
		 */
		public void setSweepInterval(Duration sweepInterval) {
			throw new IllegalArgumentException("break-glass.metadata-cache.sweep-interval is replaced by "
					+ "break-glass.jpa.sweep-cron, a cron expression such as '" + Jpa.DEFAULT_SWEEP_CRON
					+ "' ('-' disables the schedule)");
		}

	}

	/**
	 * One-time tokens.
	 */
	public static class OneTimeToken extends Store {

		private final SpringSecurity springSecurity = new SpringSecurity();

		public SpringSecurity getSpringSecurity() {
			return this.springSecurity;
		}

	}

	/**
	 * Spring Security's one-time-token login on the one-time token store.
	 */
	public static class SpringSecurity {

		/**
		 * Whether to provide Spring Security's OneTimeTokenService, backed by the
		 * one-time token store, when Spring Security is present and the application
		 * defines no OneTimeTokenService of its own.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * JPA backend.
	 */
	public static class Jpa {

		static final String DEFAULT_SWEEP_CRON = "0 */5 * * * *";

		/**
		 * Whether to apply the starter's own Flyway migrations at start-up, with a
		 * history table of their own.
		 */
		private boolean migrate = true;

		/**
		 * Whether a new authorization code, one-time token or metadata entry written
		 * outside a caller's transaction commits without waiting for PostgreSQL to flush
		 * it to disk, so that a database crash may lose it (its holder asks again);
		 * consumes and replacements always wait.
		 */
		private boolean asyncIssue = true;

		/**
		 * When the jpa backend deletes expired rows (authorization codes, one-time
		 * tokens, metadata and attempt counters): a cron expression, seconds first, or
		 * "-" to disable the schedule. Where several nodes share the database, one sweeps
		 * at a time and the others skip their turn.
		 */
		private String sweepCron = DEFAULT_SWEEP_CRON;

		public String getSweepCron() {
			return this.sweepCron;
		}

		public void setSweepCron(String sweepCron) {
			String cron = sweepCron.strip();
			Assert.isTrue("-".equals(cron) || CronExpression.isValidExpression(cron),
					() -> "break-glass.jpa.sweep-cron must be a cron expression of six fields, seconds first (such as '"
							+ DEFAULT_SWEEP_CRON + "'), or '-' to disable the schedule");
			this.sweepCron = cron;
		}

		public boolean isMigrate() {
			return this.migrate;
		}

		public void setMigrate(boolean migrate) {
			this.migrate = migrate;
		}

		public boolean isAsyncIssue() {
			return this.asyncIssue;
		}

		public void setAsyncIssue(boolean asyncIssue) {
			this.asyncIssue = asyncIssue;
		}

	}

	/**
	 * Attempt limits of the break-glass flow, counted on the OTP store's backend and
	 * shared by every node.
	 */
	public static class Limits {

		/**
		 * OTP requests one requester may make per window.
		 */
		private int requestsPerRequester = 3;

		/**
		 * OTP requests all requesters together may make per window.
		 */
		private int requests = 10;

		/**
		 * Length of the window of OTP requests, from the first request counted in it.
		 */
		private Duration window = Duration.ofMinutes(15);

		/**
		 * Consecutive failed session opens that start a lockout.
		 */
		private int failedOpens = 5;

		/**
		 * How long a lockout lasts after the last failed open.
		 */
		private Duration lockout = Duration.ofMinutes(15);

		/**
		 * Consecutive failed session opens of one principal, across lockouts, that lock
		 * its opens until an operator unlocks them (at most 100, as NIST SP 800-63B
		 * allows).
		 */
		private int lockAfterFailures = BreakGlassLimits.DEFAULT_LOCK_AFTER_FAILURES;

		public int getRequestsPerRequester() {
			return this.requestsPerRequester;
		}

		public void setRequestsPerRequester(int requestsPerRequester) {
			Assert.isTrue(requestsPerRequester >= 1,
					() -> "requests-per-requester must be at least 1, but is " + requestsPerRequester);
			this.requestsPerRequester = requestsPerRequester;
		}

		public int getRequests() {
			return this.requests;
		}

		public void setRequests(int requests) {
			Assert.isTrue(requests >= 1, () -> "requests must be at least 1, but is " + requests);
			this.requests = requests;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = positive(window, "window");
		}

		public int getFailedOpens() {
			return this.failedOpens;
		}

		public void setFailedOpens(int failedOpens) {
			Assert.isTrue(failedOpens >= 1, () -> "failed-opens must be at least 1, but is " + failedOpens);
			this.failedOpens = failedOpens;
		}

		public Duration getLockout() {
			return this.lockout;
		}

		public void setLockout(Duration lockout) {
			this.lockout = positive(lockout, "lockout");
		}

		public int getLockAfterFailures() {
			return this.lockAfterFailures;
		}

		public void setLockAfterFailures(int lockAfterFailures) {
			Assert.isTrue(lockAfterFailures >= 1 && lockAfterFailures <= BreakGlassLimits.MAX_LOCK_AFTER_FAILURES,
					() -> "lock-after-failures must be between 1 and " + BreakGlassLimits.MAX_LOCK_AFTER_FAILURES
							+ ", but is " + lockAfterFailures);
			this.lockAfterFailures = lockAfterFailures;
		}

	}

	/**
	 * Audit log and hash-chained audit trail of the break-glass flow.
	 */
	public static class Audit extends Store {

		/**
		 * Whether to write a WARN line for every session opened and every lockout.
		 */
		private boolean enabled = true;

		/**
		 * Whether to append every event of the flow to the hash-chained audit trail (the
		 * 'audit-trail' store).
		 */
		private boolean trail = true;

		/**
		 * Whether to refuse to open a session whose record cannot be appended to the
		 * audit trail: the token is withdrawn and the open fails. Needs the trail.
		 */
		private boolean required;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isTrail() {
			return this.trail;
		}

		public void setTrail(boolean trail) {
			this.trail = trail;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

	}

	/**
	 * Two-person approval of break-glass requests.
	 */
	public static class Approval {

		/**
		 * Whether a request needs a second person's approval before its OTP is sent: the
		 * request's approval token goes to the BreakGlassApprovalSender, and only someone
		 * signed in other than the requester can approve it.
		 */
		private boolean required;

		/**
		 * How long a request waits for approval, at most 366 days.
		 */
		private Duration timeout = Duration.ofMinutes(30);

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = positive(timeout, "break-glass.approval.timeout");
		}

	}

	/**
	 * What the reason of a break-glass request must hold.
	 */
	public static class Justification {

		/**
		 * Regular expression (java.util.regex) that every reason must contain a match of,
		 * such as a ticket id: \b(INC|CHG)-\d+\b. Anchor it with ^ and $ to describe the
		 * whole reason. A reason without a match is refused, naming the pattern. Unset:
		 * any reason.
		 */
		private @Nullable String pattern;

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

	}

	/**
	 * Spring Security authentication with break-glass session tokens.
	 */
	public static class Security {

		/**
		 * Authority granted to a request presenting the active session token.
		 */
		private String authority = BreakGlassAuthenticationProvider.DEFAULT_AUTHORITY;

		/**
		 * Authority granted instead to a request presenting a drill's session token; it
		 * must differ from 'authority'.
		 */
		private String drillAuthority = BreakGlassAuthenticationProvider.DEFAULT_DRILL_AUTHORITY;

		public String getAuthority() {
			return this.authority;
		}

		public void setAuthority(String authority) {
			Assert.hasText(authority, "authority must not be empty");
			this.authority = authority;
		}

		public String getDrillAuthority() {
			return this.drillAuthority;
		}

		public void setDrillAuthority(String drillAuthority) {
			Assert.hasText(drillAuthority, "drill-authority must not be empty");
			this.drillAuthority = drillAuthority;
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

		/**
		 * Number of replicas that must acknowledge each write (Redis WAIT) before a call
		 * returns; when fewer do within wait-timeout the call fails, and a consumed
		 * secret stays spent on the primary.
		 */
		private int waitForReplicas = 0;

		/**
		 * How long each write waits for wait-for-replicas replicas to acknowledge it.
		 */
		private Duration waitTimeout = Duration.ofSeconds(1);

		/**
		 * Whether the application's Lettuce client is set to send each command at most
		 * once (it reconnects, fails the commands in flight and rejects commands while
		 * disconnected), and checked at start-up. Off, a consume whose reply was lost may
		 * be sent again and answer "not found" for the secret its first run spent.
		 */
		private boolean atMostOnce = true;

		public boolean isAtMostOnce() {
			return this.atMostOnce;
		}

		public void setAtMostOnce(boolean atMostOnce) {
			this.atMostOnce = atMostOnce;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			Assert.hasText(keyPrefix, "key-prefix must not be empty");
			this.keyPrefix = keyPrefix;
		}

		public int getWaitForReplicas() {
			return this.waitForReplicas;
		}

		public void setWaitForReplicas(int waitForReplicas) {
			Assert.isTrue(waitForReplicas >= 0,
					() -> "wait-for-replicas must not be negative, but is " + waitForReplicas);
			this.waitForReplicas = waitForReplicas;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			// Redis's WAIT counts in milliseconds, and 0 would wait forever.
			Assert.isTrue(waitTimeout.toMillis() > 0, () -> "wait-timeout must be at least 1ms, but is " + waitTimeout);
			this.waitTimeout = waitTimeout;
		}

	}

}
