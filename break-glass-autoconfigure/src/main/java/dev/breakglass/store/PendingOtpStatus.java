package dev.breakglass.store;

import java.time.Duration;

/**
 * What {@link OtpStore#pending()} tells about the pending OTP: how long it stays valid,
 * and who asked for it and why. Never the code or its digest.
 *
 * @param expiresIn how long until it expires, by the backend's clock (positive)
 * @param attribution who asked for it and why
 */
public record PendingOtpStatus(Duration expiresIn, Attribution attribution) {

}
