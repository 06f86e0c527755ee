package dev.breakglass.service;

import java.time.Instant;

/**
 * Delivers the approval token of a break-glass request to whoever may approve it (an
 * on-call channel, the security team), never to the requester: with
 * {@code break-glass.approval.required}, a request gets no OTP until someone else, signed
 * in, presents this token to {@link BreakGlassService#approve}.
 */
@FunctionalInterface
public interface BreakGlassApprovalSender {

	/**
	 * Send an approval token.
	 * @param approvalToken the token, a secret: whoever presents it approves the request
	 * @param expiresAt until when it can be presented
	 * @param request who asks and why
	 */
	void send(String approvalToken, Instant expiresAt, BreakGlassRequest request);

}
