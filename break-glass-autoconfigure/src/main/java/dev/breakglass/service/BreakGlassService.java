package dev.breakglass.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.IssuedToken;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerificationResult;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Runs the break-glass flow on an {@link OtpStore} and a {@link BreakGlassTokenStore}. It
 * inherits their guarantees: an OTP opens at most one session, however many callers race
 * with it, and a session token is valid until it expires or is closed. Who asked and why
 * travel with the OTP and the session. Every attempt is counted against the
 * {@link BreakGlassLimits} before anything is generated or verified. Every step publishes
 * a {@link BreakGlassEvent}.
 */
public final class BreakGlassService {

	private final OtpStore otpStore;

	private final BreakGlassTokenStore tokenStore;

	private final OtpSender otpSender;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration otpTtl;

	private final Duration sessionTtl;

	private final BreakGlassLimits limits;

	/**
	 * Create a service without limits, for tests and benchmarks.
	 * @param otpStore where the pending OTP lives
	 * @param tokenStore where the session token lives
	 * @param otpSender delivers OTPs
	 * @param events receives the audit events
	 * @param clock stamps events and computes expiry instants
	 * @param otpTtl how long an OTP lives (as configured on the OTP store)
	 * @param sessionTtl how long a session lives (as configured on the token store)
	 */
	public BreakGlassService(OtpStore otpStore, BreakGlassTokenStore tokenStore, OtpSender otpSender,
			ApplicationEventPublisher events, Clock clock, Duration otpTtl, Duration sessionTtl) {
		this(otpStore, tokenStore, otpSender, events, clock, otpTtl, sessionTtl, BreakGlassLimits.unlimited());
	}

	/**
	 * Create a service.
	 * @param otpStore where the pending OTP lives
	 * @param tokenStore where the session token lives
	 * @param otpSender delivers OTPs
	 * @param events receives the audit events
	 * @param clock stamps events and computes expiry instants
	 * @param otpTtl how long an OTP lives (as configured on the OTP store)
	 * @param sessionTtl how long a session lives (as configured on the token store)
	 * @param limits the attempt limits
	 */
	public BreakGlassService(OtpStore otpStore, BreakGlassTokenStore tokenStore, OtpSender otpSender,
			ApplicationEventPublisher events, Clock clock, Duration otpTtl, Duration sessionTtl,
			BreakGlassLimits limits) {
		this.otpStore = otpStore;
		this.tokenStore = tokenStore;
		this.otpSender = otpSender;
		this.events = events;
		this.clock = clock;
		this.otpTtl = otpTtl;
		this.sessionTtl = sessionTtl;
		this.limits = limits;
	}

	/**
	 * Count the request against the limits, then generate an OTP, replacing any pending
	 * one, and send it. If sending fails, the OTP this call generated is withdrawn (not
	 * one another call generated since) and the exception propagates.
	 * @param request who asks and why
	 * @return when the OTP expires
	 * @throws BreakGlassThrottledException if a limit holds: nothing is generated or sent
	 */
	public Instant requestOtp(BreakGlassRequest request) {
		Assert.notNull(request, "request must not be null");
		BreakGlassLimits.Refusal refusal = this.limits.countRequest(request);
		if (refusal != null) {
			throw throttled(request, refusal.limit(), refusal.retryAfter());
		}
		String otp = this.otpStore.generate(request.attribution());
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.otpTtl);
		try {
			this.otpSender.send(otp, expiresAt, request);
		}
		catch (RuntimeException ex) {
			withdraw(otp, ex);
			throw ex;
		}
		this.events.publishEvent(new OtpRequestedEvent(this, now, request, expiresAt));
		return expiresAt;
	}

	/**
	 * Exchange an OTP for a session, replacing any open session. The attempt is counted
	 * first; the OTP is spent whatever the outcome of verifying it.
	 * @param otp the code the operator received
	 * @return the new session, carrying its token (the only time the token is handed out)
	 * and who asked for the OTP and why
	 * @throws BreakGlassThrottledException if opens are locked out: the OTP is not
	 * verified, and stays pending
	 * @throws BreakGlassDeniedException if the OTP is not valid
	 */
	public BreakGlassSession open(String otp) {
		Assert.notNull(otp, "otp must not be null");
		AttemptCount attempt = this.limits.countOpen();
		if (attempt != null && !attempt.isAllowed()) {
			throw throttled(null, BreakGlassLimit.FAILED_OPENS, attempt.resetsIn());
		}
		OtpVerificationResult result = this.otpStore.verify(otp);
		Instant now = this.clock.instant();
		Attribution attribution = result.attribution();
		if (!result.isValid() || attribution == null) {
			BreakGlassRequest request = (attribution != null) ? BreakGlassRequest.of(attribution) : null;
			this.events.publishEvent(new OtpRejectedEvent(this, now, request, result.verification()));
			if (attempt != null && attempt.isLast()) {
				this.events.publishEvent(new BreakGlassLockedOutEvent(this, now, request, attempt.attempts(),
						now.plus(attempt.resetsIn())));
			}
			throw new BreakGlassDeniedException(result.verification());
		}
		if (attempt != null) {
			this.limits.openSucceeded();
		}
		IssuedToken issued = this.tokenStore.issue(attribution);
		BreakGlassRequest request = BreakGlassRequest.of(attribution);
		BreakGlassSession session = new BreakGlassSession(issued.token(), now, now.plus(this.sessionTtl),
				request.requester(), request.reason());
		if (issued.replaced() != null) {
			this.events
				.publishEvent(new SessionReplacedEvent(this, now, BreakGlassRequest.of(issued.replaced()), request));
		}
		this.events.publishEvent(new SessionOpenedEvent(this, now, request, session.expiresAt()));
		return session;
	}

	/**
	 * Check a session token.
	 * @param token the token presented, possibly missing
	 * @return the session, without its token, if the token is the active, unexpired one
	 */
	public Optional<BreakGlassSession> authenticate(@Nullable String token) {
		if (token == null) {
			return Optional.empty();
		}
		return this.tokenStore.lookup(token).map(this::session);
	}

	/**
	 * Close a session.
	 * @param token the session token
	 * @return whether this call closed the active session
	 */
	public boolean close(@Nullable String token) {
		if (token == null) {
			return false;
		}
		// A token's hash is unique, so whom it belonged to cannot change between the two
		// calls: revoke only succeeds on the token looked up.
		Optional<ActiveToken> active = this.tokenStore.lookup(token);
		if (active.isEmpty() || !this.tokenStore.revoke(token)) {
			return false;
		}
		this.events.publishEvent(
				new SessionClosedEvent(this, this.clock.instant(), BreakGlassRequest.of(active.get().attribution())));
		return true;
	}

	/**
	 * Tell about the open session without presenting its token, for operators. A read: it
	 * changes nothing and publishes no event.
	 * @return the session, without its token, if one is open
	 * @throws UnsupportedOperationException if the token store cannot tell
	 */
	public Optional<BreakGlassSession> activeSession() {
		return this.tokenStore.active().map(this::session);
	}

	private BreakGlassSession session(ActiveToken active) {
		Attribution attribution = active.attribution();
		return new BreakGlassSession(null, active.issuedAt(), active.issuedAt().plus(this.sessionTtl),
				attribution.requester(), attribution.reason());
	}

	private BreakGlassThrottledException throttled(@Nullable BreakGlassRequest request, BreakGlassLimit limit,
			Duration retryAfter) {
		Duration wait = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
		this.events.publishEvent(new BreakGlassThrottledEvent(this, this.clock.instant(), request, limit, wait));
		return new BreakGlassThrottledException(limit, wait);
	}

	private void withdraw(String otp, RuntimeException failure) {
		try {
			this.otpStore.withdraw(otp);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}
