package dev.breakglass.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 * <p>
 * Who asks is who is signed in, as the {@link BreakGlassCaller} tells it: a signed-in
 * principal may only name itself as the requester, its pending OTP waits in a slot of its
 * own that only its own opens verify against, and its limits count only its attempts. So
 * an attacker with one valid login can neither act in another's name nor spend, replace
 * or lock out another's OTP. With no one signed in, the flow is the seed's: one shared
 * pending OTP and one shared set of limits.
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

	private final BreakGlassLimits limits;

	private final BreakGlassCaller caller;

	private final BreakGlassJustification justification;

	private final BreakGlassApprovals approvals;

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
		this(otpStore, tokenStore, otpSender, events, clock, otpTtl, sessionTtl, limits, BreakGlassCaller.none());
	}

	/**
	 * Create a service that binds the flow to the signed-in principal.
	 * @param otpStore where the pending OTPs live
	 * @param tokenStore where the session token lives
	 * @param otpSender delivers OTPs
	 * @param events receives the audit events
	 * @param clock stamps events and computes expiry instants
	 * @param otpTtl how long an OTP lives (as configured on the OTP store)
	 * @param sessionTtl how long a session lives (as configured on the token store)
	 * @param limits the attempt limits
	 * @param caller tells who is signed in
	 */
	public BreakGlassService(OtpStore otpStore, BreakGlassTokenStore tokenStore, OtpSender otpSender,
			ApplicationEventPublisher events, Clock clock, Duration otpTtl, Duration sessionTtl,
			BreakGlassLimits limits, BreakGlassCaller caller) {
		this(otpStore, tokenStore, otpSender, events, clock, otpTtl, sessionTtl, limits, caller,
				BreakGlassJustification.any());
	}

	/**
	 * Create a service that binds the flow to the signed-in principal and requires a
	 * justification.
	 * @param otpStore where the pending OTPs live
	 * @param tokenStore where the session token lives
	 * @param otpSender delivers OTPs
	 * @param events receives the audit events
	 * @param clock stamps events and computes expiry instants
	 * @param otpTtl how long an OTP lives (as configured on the OTP store)
	 * @param sessionTtl how long a session lives (as configured on the token store)
	 * @param limits the attempt limits
	 * @param caller tells who is signed in
	 * @param justification what a reason must hold
	 */
	public BreakGlassService(OtpStore otpStore, BreakGlassTokenStore tokenStore, OtpSender otpSender,
			ApplicationEventPublisher events, Clock clock, Duration otpTtl, Duration sessionTtl,
			BreakGlassLimits limits, BreakGlassCaller caller, BreakGlassJustification justification) {
		this(otpStore, tokenStore, otpSender, events, clock, otpTtl, sessionTtl, limits, caller, justification,
				BreakGlassApprovals.none());
	}

	/**
	 * Create a service that binds the flow to the signed-in principal, requires a
	 * justification and, unless {@link BreakGlassApprovals#none()}, the approval of a
	 * second person.
	 * @param otpStore where the pending OTPs live
	 * @param tokenStore where the session token lives
	 * @param otpSender delivers OTPs
	 * @param events receives the audit events
	 * @param clock stamps events and computes expiry instants
	 * @param otpTtl how long an OTP lives (as configured on the OTP store)
	 * @param sessionTtl how long a session lives (as configured on the token store)
	 * @param limits the attempt limits
	 * @param caller tells who is signed in
	 * @param justification what a reason must hold
	 * @param approvals whether a request needs approval, and where approvals wait
	 */
	public BreakGlassService(OtpStore otpStore, BreakGlassTokenStore tokenStore, OtpSender otpSender,
			ApplicationEventPublisher events, Clock clock, Duration otpTtl, Duration sessionTtl,
			BreakGlassLimits limits, BreakGlassCaller caller, BreakGlassJustification justification,
			BreakGlassApprovals approvals) {
		Assert.notNull(caller, "caller must not be null");
		Assert.notNull(justification, "justification must not be null");
		Assert.notNull(approvals, "approvals must not be null");
		this.caller = caller;
		this.justification = justification;
		this.approvals = approvals;
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
	 * Ask for an OTP as the signed-in principal.
	 * @param reason why
	 * @return when the OTP expires
	 * @throws IllegalStateException if no one is signed in
	 * @throws BreakGlassThrottledException if a limit holds: nothing is generated or sent
	 * @see #requestOtp(BreakGlassRequest)
	 */
	public Instant requestOtp(String reason) {
		String principal = this.caller.principal()
			.orElseThrow(() -> new IllegalStateException("No one is signed in to ask for a break-glass OTP"));
		return requestOtp(new BreakGlassRequest(principal, reason));
	}

	/**
	 * Ask for a drill's OTP as the signed-in principal: the whole flow runs, tagged as a
	 * drill in every event, and the session grants only the drill authority.
	 * @param reason why
	 * @return when the OTP expires (or, where approval is required, the approval)
	 * @throws IllegalStateException if no one is signed in
	 * @throws BreakGlassThrottledException if a limit holds: nothing is generated or sent
	 * @see #requestOtp(BreakGlassRequest)
	 */
	public Instant requestDrill(String reason) {
		String principal = this.caller.principal()
			.orElseThrow(() -> new IllegalStateException("No one is signed in to ask for a break-glass drill"));
		return requestOtp(BreakGlassRequest.drill(principal, reason));
	}

	/**
	 * Count the request against the limits, then generate an OTP, replacing any pending
	 * one of the same principal (or, with no one signed in, the shared one), and send it.
	 * If sending fails, the OTP this call generated is withdrawn (not one another call
	 * generated since) and the exception propagates.
	 * <p>
	 * Where approval is required, no OTP is generated yet: the request waits for
	 * approval, and its approval token goes to the {@link BreakGlassApprovalSender} (if
	 * sending fails, the pending approval is withdrawn and the exception propagates); the
	 * OTP goes to the requester once someone else {@link #approve approves}.
	 * @param request who asks and why; when someone is signed in, the requester must be
	 * the principal
	 * @return when the OTP expires, or, where approval is required, when the approval
	 * does
	 * @throws RequesterMismatchException if the request names someone other than the
	 * signed-in principal: nothing is counted, generated or sent
	 * @throws JustificationRejectedException if the reason does not hold what the
	 * {@link BreakGlassJustification} requires: nothing is counted, generated or sent
	 * @throws BreakGlassThrottledException if a limit holds: nothing is generated or sent
	 */
	public Instant requestOtp(BreakGlassRequest request) {
		Assert.notNull(request, "request must not be null");
		String principal = this.caller.principal().orElse(null);
		if (principal != null && !principal.equals(request.requester())) {
			throw mismatch(principal, request);
		}
		this.justification.check(request.reason());
		BreakGlassLimits.RequestCount count = this.limits.countRequest(request, principal != null);
		BreakGlassLimits.Refusal refusal = count.refusal();
		if (refusal != null) {
			throw throttled(principal, request, refusal.limit(), refusal.retryAfter());
		}
		String owner = owner(principal);
		Instant now = this.clock.instant();
		if (this.approvals.required()) {
			Instant expiresAt = this.approvals.request(owner, request, now);
			this.events.publishEvent(new ApprovalRequestedEvent(this, now, principal, request, expiresAt));
			surge(count, now, principal, request);
			return expiresAt;
		}
		Instant expiresAt = sendOtp(owner, request, now);
		this.events.publishEvent(new OtpRequestedEvent(this, now, principal, request, expiresAt));
		surge(count, now, principal, request);
		return expiresAt;
	}

	/**
	 * Approve a request pending approval, as the signed-in principal: its OTP is
	 * generated in the requester's slot and sent to the requester. The token is presented
	 * once: it is spent whatever the outcome, unless it was unknown (a token nobody was
	 * given takes nothing, so no guess spends another's approval).
	 * @param approvalToken the token the approver received
	 * @return the approved request
	 * @throws IllegalStateException if no one is signed in: an approval needs an approver
	 * @throws ApprovalRefusedException if the token is unknown, the request waited longer
	 * than the timeout, or the approver is the requester
	 */
	public BreakGlassApproval approve(String approvalToken) {
		Assert.notNull(approvalToken, "approvalToken must not be null");
		Assert.state(this.approvals.required(), "break-glass approval is not required, so there is nothing to approve");
		String approver = this.caller.principal()
			.orElseThrow(() -> new IllegalStateException("No one is signed in to approve a break-glass request"));
		BreakGlassApprovals.Pending pending = this.approvals.take(approvalToken);
		Instant now = this.clock.instant();
		if (pending == null) {
			throw refused(now, approver, null, ApprovalRefusal.UNKNOWN);
		}
		BreakGlassRequest request = pending.request();
		if (!now.isBefore(pending.expiresAt())) {
			throw refused(now, approver, request, ApprovalRefusal.EXPIRED);
		}
		if (approver.equals(request.requester()) || approver.equals(pending.owner())) {
			throw refused(now, approver, request, ApprovalRefusal.SELF_APPROVAL);
		}
		Instant otpExpiresAt = sendOtp(pending.owner(), request, now);
		this.events.publishEvent(new RequestApprovedEvent(this, now, approver, request, otpExpiresAt));
		return new BreakGlassApproval(request.requester(), request.reason(), approver, otpExpiresAt);
	}

	private Instant sendOtp(String owner, BreakGlassRequest request, Instant now) {
		String otp = this.otpStore.generate(owner, request.attribution());
		Instant expiresAt = now.plus(this.otpTtl);
		try {
			this.otpSender.send(otp, expiresAt, request);
		}
		catch (RuntimeException ex) {
			withdraw(owner, otp, ex);
			throw ex;
		}
		return expiresAt;
	}

	private ApprovalRefusedException refused(Instant now, String approver, @Nullable BreakGlassRequest request,
			ApprovalRefusal refusal) {
		this.events.publishEvent(new ApprovalRefusedEvent(this, now, approver, request, refusal));
		return new ApprovalRefusedException(refusal);
	}

	private void surge(BreakGlassLimits.RequestCount count, Instant now, @Nullable String principal,
			BreakGlassRequest request) {
		AttemptCount surge = count.surge();
		if (surge != null && principal != null) {
			this.events.publishEvent(
					new OtpRequestSurgeEvent(this, now, principal, request, surge.attempts(), surge.resetsIn()));
		}
	}

	/**
	 * Exchange an OTP for a session, replacing any open session. The OTP is verified
	 * against the signed-in principal's pending OTP (or, with no one signed in, the
	 * shared one), so nobody can spend another's. The attempt is counted first, against
	 * the principal's own limits; the OTP is spent whatever the outcome of verifying it.
	 * @param otp the code the operator received
	 * @return the new session, carrying its token (the only time the token is handed out)
	 * and who asked for the OTP and why
	 * @throws BreakGlassThrottledException if the principal's opens are locked out or
	 * locked: the OTP is not verified, and stays pending
	 * @throws BreakGlassDeniedException if the OTP is not valid
	 * @throws RequesterMismatchException if the OTP was asked for by someone other than
	 * the signed-in principal (only a store that ignores owners can hand one out): no
	 * session is issued
	 * @throws RuntimeException whatever a listener of the {@link SessionOpenedEvent}
	 * throws (a required audit trail that cannot write throws
	 * {@link dev.breakglass.store.StoreUnavailableException}): the new token is
	 * withdrawn, the OTP stays spent
	 */
	public BreakGlassSession open(String otp) {
		Assert.notNull(otp, "otp must not be null");
		String principal = this.caller.principal().orElse(null);
		String owner = owner(principal);
		BreakGlassLimits.OpenCount count = this.limits.countOpen(owner);
		BreakGlassLimits.Refusal refusal = (count != null) ? count.refusal() : null;
		if (refusal != null) {
			throw throttled(principal, null, refusal.limit(), refusal.retryAfter());
		}
		OtpVerificationResult result = this.otpStore.verify(owner, otp);
		Instant now = this.clock.instant();
		Attribution attribution = result.attribution();
		if (!result.isValid() || attribution == null) {
			BreakGlassRequest request = (attribution != null) ? BreakGlassRequest.of(attribution) : null;
			this.events.publishEvent(new OtpRejectedEvent(this, now, principal, request, result.verification()));
			if (count != null && (count.locksIfFailed() || count.locksOutIfFailed())) {
				// the count that says it locks is there
				AttemptCount counted = Objects.requireNonNull(count.locksIfFailed() ? count.failures() : count.run());
				Instant until = count.locksIfFailed() ? null : now.plus(counted.resetsIn());
				this.events.publishEvent(
						new BreakGlassLockedOutEvent(this, now, principal, request, counted.attempts(), until));
			}
			throw new BreakGlassDeniedException(result.verification());
		}
		BreakGlassRequest request = BreakGlassRequest.of(attribution);
		if (principal != null && !principal.equals(request.requester())) {
			throw mismatch(principal, request);
		}
		if (count != null) {
			this.limits.reset(owner);
		}
		IssuedToken issued = this.tokenStore.issue(attribution);
		BreakGlassSession session = new BreakGlassSession(issued.token(), now, now.plus(this.sessionTtl),
				request.requester(), request.reason(), request.drill());
		if (issued.replaced() != null) {
			this.events.publishEvent(
					new SessionReplacedEvent(this, now, principal, BreakGlassRequest.of(issued.replaced()), request));
		}
		try {
			this.events.publishEvent(new SessionOpenedEvent(this, now, principal, request, session.expiresAt()));
		}
		catch (RuntimeException ex) {
			// a listener refused the session (a required audit trail that cannot write):
			// the token was never handed out, so withdraw it
			revokeUnhanded(issued.token(), ex);
			throw ex;
		}
		return session;
	}

	private void revokeUnhanded(String token, RuntimeException failure) {
		try {
			this.tokenStore.revoke(token);
		}
		catch (RuntimeException ex) {
			// it stays active until it expires, but nobody holds it
			failure.addSuppressed(ex);
		}
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
		this.events.publishEvent(new SessionClosedEvent(this, this.clock.instant(),
				this.caller.principal().orElse(null), BreakGlassRequest.of(active.get().attribution())));
		return true;
	}

	/**
	 * End the open session, whatever it is, without its token, for operators, and publish
	 * a {@link SessionEndedEvent} naming who ended whose session. Atomic on every
	 * backend: of racing calls at most one ends a given session, and a session opened
	 * after the call is not touched.
	 * @return the ended session, without its token, if one was open
	 * @throws UnsupportedOperationException if the token store cannot end a session
	 * without its token
	 */
	public Optional<BreakGlassSession> end() {
		Optional<ActiveToken> ended = this.tokenStore.end();
		ended.ifPresent((active) -> this.events.publishEvent(new SessionEndedEvent(this, this.clock.instant(),
				this.caller.principal().orElse(null), BreakGlassRequest.of(active.attribution()))));
		return ended.map(this::session);
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

	/**
	 * Tell the limits that hold right now for callers with no principal, for operators. A
	 * read: it counts nothing and publishes no event.
	 * @return the lockouts (the overall OTP requests used up, opens locked out or locked)
	 * @throws UnsupportedOperationException if the attempt counter store cannot tell
	 */
	public List<BreakGlassLockout> lockouts() {
		return this.limits.lockouts(OtpStore.SHARED);
	}

	/**
	 * Tell the limits that hold right now for one principal's opens, for operators. A
	 * read: it counts nothing and publishes no event.
	 * @param principal the principal's name
	 * @return the lockouts (opens locked out or locked)
	 * @throws UnsupportedOperationException if the attempt counter store cannot tell
	 */
	public List<BreakGlassLockout> lockouts(String principal) {
		return this.limits.lockouts(OtpStore.checkOwner(principal));
	}

	/**
	 * End the lockout and the lock of one principal's opens, for operators, and publish a
	 * {@link BreakGlassUnlockedEvent} naming who unlocked whom.
	 * @param principal the principal's name, or the empty string for callers with no
	 * principal
	 */
	public void unlock(String principal) {
		String owner = OtpStore.checkOwner(principal);
		this.limits.reset(owner);
		this.events.publishEvent(
				new BreakGlassUnlockedEvent(this, this.clock.instant(), this.caller.principal().orElse(null), owner));
	}

	private BreakGlassSession session(ActiveToken active) {
		Attribution attribution = active.attribution();
		return new BreakGlassSession(null, active.issuedAt(), active.issuedAt().plus(this.sessionTtl),
				attribution.requester(), attribution.reason(), attribution.drill());
	}

	private static String owner(@Nullable String principal) {
		return (principal != null) ? principal : OtpStore.SHARED;
	}

	private RequesterMismatchException mismatch(String principal, BreakGlassRequest named) {
		this.events.publishEvent(new RequesterMismatchEvent(this, this.clock.instant(), principal, named));
		return new RequesterMismatchException(principal, named.requester());
	}

	private BreakGlassThrottledException throttled(@Nullable String principal, @Nullable BreakGlassRequest request,
			BreakGlassLimit limit, Duration retryAfter) {
		Duration wait = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
		this.events
			.publishEvent(new BreakGlassThrottledEvent(this, this.clock.instant(), principal, request, limit, wait));
		return new BreakGlassThrottledException(limit, wait);
	}

	private void withdraw(String owner, String otp, RuntimeException failure) {
		try {
			this.otpStore.withdraw(owner, otp);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}
