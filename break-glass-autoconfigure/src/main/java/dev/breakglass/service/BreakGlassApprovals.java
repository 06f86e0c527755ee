package dev.breakglass.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * Two-person approval of break-glass requests: whether it is required, and where pending
 * approvals live. A pending approval is a single-use code in the
 * {@link AuthorizationCodeStore} (keyed by a SHA-256 of its token under a prefix of its
 * own, holding who asked and why, expiring after the timeout), so it inherits that
 * store's guarantee: of any number of approvers racing on any number of nodes, exactly
 * one takes it. The token is 256 random bits: an unknown token takes nothing, so nobody
 * spends another's approval by guessing.
 */
public final class BreakGlassApprovals {

	/**
	 * Prefix of an approval's key in the authorization code store, so that no key of the
	 * application's own codes can name one.
	 */
	static final String KEY_PREFIX = "break-glass-approval:";

	private static final String VERSION = "v1";

	private static final String DRILL = "drill";

	private static final BreakGlassApprovals NONE = new BreakGlassApprovals();

	private final @Nullable AuthorizationCodeStore codes;

	private final @Nullable BreakGlassApprovalSender sender;

	private final Duration timeout;

	private BreakGlassApprovals() {
		this.codes = null;
		this.sender = null;
		this.timeout = Duration.ZERO;
	}

	/**
	 * Require approval.
	 * @param codes where pending approvals live
	 * @param sender delivers approval tokens to approvers
	 * @param timeout how long a request waits for approval
	 */
	public BreakGlassApprovals(AuthorizationCodeStore codes, BreakGlassApprovalSender sender, Duration timeout) {
		Assert.notNull(codes, "codes must not be null");
		Assert.notNull(sender, "sender must not be null");
		this.codes = codes;
		this.sender = sender;
		this.timeout = StoreLimits.checkTtl(timeout);
	}

	/**
	 * No approval: a request's OTP goes to the requester at once.
	 * @return the approvals
	 */
	public static BreakGlassApprovals none() {
		return NONE;
	}

	boolean required() {
		return this.codes != null;
	}

	/**
	 * Keep a request pending approval and send its token to the approvers; if sending
	 * fails, the pending approval is withdrawn and the exception propagates.
	 * @return when the approval expires
	 */
	Instant request(String owner, BreakGlassRequest request, Instant now) {
		AuthorizationCodeStore codes = required(this.codes);
		String token = Secrets.newSessionToken();
		Instant expiresAt = now.plus(this.timeout);
		String key = key(token);
		String data = String.join("\n", VERSION, owner, request.requester(), request.reason())
				+ (request.drill() ? "\n" + DRILL : "");
		codes.put(new AuthorizationCode(key, data, expiresAt));
		try {
			required(this.sender).send(token, expiresAt, request);
		}
		catch (RuntimeException ex) {
			try {
				codes.take(key);
			}
			catch (RuntimeException withdrawal) {
				ex.addSuppressed(withdrawal);
			}
			throw ex;
		}
		return expiresAt;
	}

	/**
	 * Take a pending approval, whatever happens next: a token is presented once.
	 * @param token the token presented
	 * @return the pending approval, or {@code null} when the token is malformed, unknown,
	 * already taken, or holds what no request of this class wrote
	 */
	@Nullable Pending take(String token) {
		if (!Secrets.isSessionToken(token)) {
			return null;
		}
		return required(this.codes).take(key(token)).map(BreakGlassApprovals::pending).orElse(null);
	}

	private static @Nullable Pending pending(AuthorizationCode code) {
		// requesters and reasons hold no line break, so the fields split cleanly
		List<String> fields = List.of(code.data().split("\n", -1));
		if (fields.size() < 4 || fields.size() > 5 || !fields.get(0).equals(VERSION)
				|| (fields.size() == 5 && !fields.get(4).equals(DRILL))) {
			return null;
		}
		try {
			return new Pending(fields.get(1), new BreakGlassRequest(fields.get(2), fields.get(3), fields.size() == 5),
					code.expiresAt());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String key(String token) {
		return KEY_PREFIX + Secrets.sha256(token);
	}

	private static <T> T required(@Nullable T part) {
		Assert.state(part != null, "approval is not required");
		return part;
	}

	@Override
	public String toString() {
		return required() ? "BreakGlassApprovals[timeout=" + this.timeout + "]" : "BreakGlassApprovals[none]";
	}

	/**
	 * A request that was pending approval.
	 *
	 * @param owner whose OTP slot the request's OTP goes to
	 * @param request who asked and why
	 * @param expiresAt until when it could be approved
	 */
	record Pending(String owner, BreakGlassRequest request, Instant expiresAt) {

	}

}
