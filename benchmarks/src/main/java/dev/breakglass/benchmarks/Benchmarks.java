package dev.breakglass.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassLimits;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.OtpSender;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.TokenKind;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;

/**
 * A full issue-and-consume cycle of each store on each backend, and of the raw baseline
 * the backend wraps, in the same fork on the same pool or connection factory; and Spring
 * Security's one-time-token login on the starter's service beside Spring Security's own
 * service (in memory, or JDBC on the same pool).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Benchmarks {

	static final String CODE_DATA = "{\"client_id\":\"app\",\"scope\":\"openid profile\",\"redirect_uri\":\"https://app.example/cb\"}";

	static final Attribution ATTRIBUTION = new Attribution("alice@example.com", "INC-4711: database down");

	static final BreakGlassRequest REQUEST = new BreakGlassRequest(ATTRIBUTION.requester(), ATTRIBUTION.reason());

	private static final int NEVER_REACHED = 1_000_000_000;

	private static final Duration TOKEN_TTL = Duration.ofMinutes(15);

	@Param({ "memory", "jpa", "redis" })
	public String backend;

	private Servers servers;

	private AuthorizationCodeStore codes;

	private OneTimeTokenStore tokens;

	private OtpStore otp;

	private Baseline baseline;

	private BreakGlassService limited;

	private BreakGlassService unlimited;

	private final ThreadLocal<String> sentOtp = new ThreadLocal<>();

	private OneTimeTokenService oneTimeTokenService;

	private OneTimeTokenService springSecurityOneTimeTokenService;

	@Setup(Level.Trial)
	public void start() {
		this.servers = Servers.start();
		this.servers.clear();
		this.codes = this.servers.codes(this.backend);
		this.tokens = this.servers.tokens(this.backend);
		this.otp = this.servers.otp(this.backend);
		this.baseline = this.servers.baseline(this.backend);
		OtpSender sender = (otp, expiresAt, request) -> this.sentOtp.set(otp);
		// limits that count every attempt, as in production, but never refuse one
		BreakGlassLimits neverReached = new BreakGlassLimits(this.servers.attemptCounters(this.backend), NEVER_REACHED,
				NEVER_REACHED, Duration.ofHours(1), NEVER_REACHED, Duration.ofHours(1),
				BreakGlassLimits.MAX_LOCK_AFTER_FAILURES);
		this.limited = new BreakGlassService(this.otp, this.servers.sessionTokens(this.backend), sender, (event) -> {
		}, Clock.systemUTC(), Servers.OTP_TTL, Servers.SESSION_TTL, neverReached);
		this.unlimited = new BreakGlassService(this.otp, this.servers.sessionTokens(this.backend), sender, (event) -> {
		}, Clock.systemUTC(), Servers.OTP_TTL, Servers.SESSION_TTL, BreakGlassLimits.unlimited());

		this.oneTimeTokenService = this.servers.oneTimeTokenService(this.backend);
		this.springSecurityOneTimeTokenService = this.servers.springSecurityOneTimeTokenService(this.backend);
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		if (this.springSecurityOneTimeTokenService instanceof DisposableBean disposable) {
			disposable.destroy();
		}
		this.servers.clear();
		this.servers.close();
	}

	@Benchmark
	public Object codePutTake(Keys keys) {
		String hash = keys.next();
		this.codes.put(new AuthorizationCode(hash, CODE_DATA, keys.expiresAt));
		return this.codes.take(hash);
	}

	@Benchmark
	public Object codePutTakeBaseline(Keys keys) {
		return this.baseline.putTake(keys.next());
	}

	@Benchmark
	public Object codePutRedeem(Keys keys) {
		String hash = keys.next();
		this.codes.put(new AuthorizationCode(hash, CODE_DATA, keys.redeemedCodeExpiry()));
		return this.codes.redeem(hash);
	}

	@Benchmark
	public Object codePutRedeemBaseline(Keys keys) {
		return this.baseline.putRedeem(keys.next());
	}

	@Benchmark
	public Object tokenIssueConsume() {
		String token = this.tokens.issue("alice@example.com", TokenKind.MAGIC_LINK, TOKEN_TTL);
		return this.tokens.consume(token, TokenKind.MAGIC_LINK);
	}

	@Benchmark
	public Object tokenIssueConsumeBaseline(Keys keys) {
		return this.baseline.issueConsume(keys.next());
	}

	@Benchmark
	public Object ottGenerateConsume() {
		OneTimeToken token = this.oneTimeTokenService.generate(new GenerateOneTimeTokenRequest("alice"));
		return this.oneTimeTokenService.consume(new OneTimeTokenAuthenticationToken(token.getTokenValue()));
	}

	@Benchmark
	public Object ottGenerateConsumeBaseline() {
		OneTimeToken token = this.springSecurityOneTimeTokenService.generate(new GenerateOneTimeTokenRequest("alice"));
		return this.springSecurityOneTimeTokenService
			.consume(new OneTimeTokenAuthenticationToken(token.getTokenValue()));
	}

	@Benchmark
	public Object otpGenerateVerify() {
		return this.otp.verify(this.otp.generate(ATTRIBUTION));
	}

	@Benchmark
	public Object otpGenerateVerifyBaseline(Keys keys) {
		return this.baseline.generateVerify(keys.next());
	}

	/**
	 * The break-glass flow with its limits: three counts (the requester's, everyone's,
	 * the open's) and the reset after a successful open, on the OTP store's backend.
	 * @return the session, or the denial when another thread's request replaced the OTP
	 */
	@Benchmark
	public Object flowRequestOpenLimited() {
		return requestAndOpen(this.limited);
	}

	/**
	 * The same flow without limits, the baseline of {@link #flowRequestOpenLimited()}.
	 * @return the session, or the denial when another thread's request replaced the OTP
	 */
	@Benchmark
	public Object flowRequestOpenUnlimited() {
		return requestAndOpen(this.unlimited);
	}

	private Object requestAndOpen(BreakGlassService service) {
		service.requestOtp(REQUEST);
		try {
			return service.open(this.sentOtp.get());
		}
		catch (BreakGlassDeniedException ex) {
			return ex.reason();
		}
	}

	/**
	 * A session's lookup, as {@code authenticate} makes it on every request: a read.
	 * @param session the open session
	 * @return what the store found
	 */
	@Benchmark
	public Object sessionLookup(PlainSession session) {
		return session.store.lookup(session.token);
	}

	/**
	 * The same lookup with an idle timeout, where it moves the session's deadline: a
	 * write (memory: a compare-and-set; jpa: an UPDATE committed asynchronously; redis: a
	 * GET and a compare-and-expire script).
	 * @param session the open session
	 * @return what the store found
	 */
	@Benchmark
	public Object sessionUseWithIdleTimeout(IdleSession session) {
		return session.store.lookup(session.token);
	}

	/**
	 * An open session of a token store without an idle timeout.
	 */
	@State(Scope.Benchmark)
	public static class PlainSession {

		BreakGlassTokenStore store;

		String token;

		@Setup(Level.Trial)
		public void open(Benchmarks benchmarks) {
			this.store = benchmarks.servers.sessionTokens(benchmarks.backend);
			this.token = this.store.issue(ATTRIBUTION).token();
		}

	}

	/**
	 * An open session of a token store with an idle timeout.
	 */
	@State(Scope.Benchmark)
	public static class IdleSession {

		BreakGlassTokenStore store;

		String token;

		@Setup(Level.Trial)
		public void open(Benchmarks benchmarks) {
			this.store = benchmarks.servers.sessionTokens(benchmarks.backend,
					new SessionLifetime(Servers.SESSION_TTL, Duration.ofMinutes(15)));
			this.token = this.store.issue(ATTRIBUTION).token();
		}

	}

	/**
	 * Keys of one thread: cheap, unique, the same for a store and its baseline.
	 */
	@State(Scope.Thread)
	public static class Keys {

		/**
		 * How long a code of the redeem cycle lives, and so its tombstone: short, so that
		 * millions of redemptions a second leave a bounded number of tombstones in a
		 * store that reclaims them after expiry (the memory store). A redemption never
		 * checks a live code's expiry, so a code that expires before it is redeemed is
		 * still redeemed.
		 */
		private static final Duration REDEEMED_CODE_TTL = Duration.ofMillis(200);

		private final String prefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";

		private final Instant expiresAt = Instant.now().plus(Duration.ofHours(1));

		private Instant redeemedCodeExpiry = Instant.now().plus(REDEEMED_CODE_TTL);

		private long counter;

		String next() {
			return this.prefix + this.counter++;
		}

		/**
		 * The expiry of a code about to be redeemed, read from the clock every 1024 keys.
		 */
		Instant redeemedCodeExpiry() {
			if ((this.counter & 1023) == 0) {
				this.redeemedCodeExpiry = Instant.now().plus(REDEEMED_CODE_TTL);
			}
			return this.redeemedCodeExpiry;
		}

	}

}
