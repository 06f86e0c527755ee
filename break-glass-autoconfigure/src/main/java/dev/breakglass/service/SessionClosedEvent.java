package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A break-glass session was closed before it expired.
 */
public final class SessionClosedEvent extends BreakGlassEvent {

	SessionClosedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			BreakGlassRequest request) {
		super(source, timestamp, principal, request);
	}

}
