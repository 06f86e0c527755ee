package dev.breakglass.service;

import java.time.Duration;

/**
 * A limit that holds for everyone right now, as {@link BreakGlassService#lockouts()}
 * tells it.
 *
 * @param limit which limit holds
 * @param retryAfter how long until it lets an attempt through again
 */
public record BreakGlassLockout(BreakGlassLimit limit, Duration retryAfter) {

}
