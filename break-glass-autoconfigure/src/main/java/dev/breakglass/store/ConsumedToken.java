package dev.breakglass.store;

import java.time.Instant;

/**
 * What consuming a one-time token found: whom it was for and when it would have expired.
 *
 * @param subject whom the token was issued for
 * @param expiresAt when the token would have expired, had it not been consumed
 */
public record ConsumedToken(String subject, Instant expiresAt) {

}
