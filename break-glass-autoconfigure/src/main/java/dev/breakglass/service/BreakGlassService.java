package dev.breakglass.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Runs the break-glass flow on an {@link OtpStore} and a {@link BreakGlassTokenStore}. It
 * inherits their guarantees: an OTP opens at most one session, however many callers race
 * with it, and a session token is valid until it expires or is closed. Every step
 * publishes a {@link BreakGlassEvent}.
 * <p>
 * Whose clock decides expiry depends on the stores' backend: on memory, the {@link Clock}
 * given here (the application's, or the starter's system UTC clock); on jpa, PostgreSQL's
 * ({@code statement_timestamp()}); on redis, Redis's own key expiry, counting the
 * configured ttl from the write. This service's clock only stamps events and the times a
 * new session reports, so on jpa and redis they may differ from the store's by the skew
 * between the node and the server.
 */
public final class BreakGlassService {

	private final OtpStore otpStore;

	private final BreakGlassTokenStore tokenStore;

	private final OtpSender otpSender;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration otpTtl;

	private final Duration sessionTtl;

	/**
	 * Create a service.
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
		this.otpStore = otpStore;
		this.tokenStore = tokenStore;
		this.otpSender = otpSender;
		this.events = events;
		this.clock = clock;
		this.otpTtl = otpTtl;
		this.sessionTtl = sessionTtl;
	}

	/**
	 * Generate an OTP, replacing any pending one, and send it. If sending fails the OTP
	 * is withdrawn and the exception propagates.
	 * @return when the OTP expires
	 */
	public Instant requestOtp() {
		String otp = this.otpStore.generate();
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.otpTtl);
		try {
			this.otpSender.send(otp, expiresAt);
		}
		catch (RuntimeException ex) {
			this.otpStore.clear();
			throw ex;
		}
		this.events.publishEvent(new OtpRequestedEvent(this, now, expiresAt));
		return expiresAt;
	}

	/**
	 * Exchange an OTP for a session, replacing any open session. The OTP is spent
	 * whatever the outcome.
	 * @param otp the code the operator received
	 * @return the new session, carrying its token: the only time the token is handed out
	 * @throws BreakGlassDeniedException if the OTP is not valid
	 */
	public BreakGlassSession open(String otp) {
		Assert.notNull(otp, "otp must not be null");
		OtpVerification verification = this.otpStore.verify(otp);
		Instant now = this.clock.instant();
		if (verification != OtpVerification.VALID) {
			this.events.publishEvent(new OtpRejectedEvent(this, now, verification));
			throw new BreakGlassDeniedException(verification);
		}
		String token = this.tokenStore.issue();
		BreakGlassSession session = new BreakGlassSession(token, now, now.plus(this.sessionTtl));
		this.events.publishEvent(new SessionOpenedEvent(this, now, session.expiresAt()));
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
		return this.tokenStore.lookup(token)
			.map((issuedAt) -> new BreakGlassSession(null, issuedAt, issuedAt.plus(this.sessionTtl)));
	}

	/**
	 * Close a session.
	 * @param token the session token
	 * @return whether this call closed the active session
	 */
	public boolean close(@Nullable String token) {
		if (token == null || !this.tokenStore.revoke(token)) {
			return false;
		}
		this.events.publishEvent(new SessionClosedEvent(this, this.clock.instant()));
		return true;
	}

}
