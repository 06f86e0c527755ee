package dev.breakglass.service;

import java.time.Instant;

/**
 * A request approved by {@link BreakGlassService#approve}: its OTP was generated and sent
 * to the requester.
 *
 * @param requester who asked
 * @param reason why
 * @param approver who approved, as signed in
 * @param otpExpiresAt until when the requester can open a session with the OTP
 */
public record BreakGlassApproval(String requester, String reason, String approver, Instant otpExpiresAt) {

}
