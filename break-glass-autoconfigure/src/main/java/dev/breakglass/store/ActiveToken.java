package dev.breakglass.store;

import java.time.Instant;

/**
 * The active session token as {@link BreakGlassTokenStore#lookup} finds it: when it was
 * issued, and who asked for it and why. Never the token itself.
 *
 * @param issuedAt when it was issued
 * @param attribution who asked for it and why
 */
public record ActiveToken(Instant issuedAt, Attribution attribution) {

}
