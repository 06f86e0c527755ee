package dev.breakglass.service;

import java.time.Instant;

/**
 * A break-glass session was closed before it expired.
 */
public final class SessionClosedEvent extends BreakGlassEvent {

	SessionClosedEvent(BreakGlassService source, Instant timestamp, BreakGlassRequest request) {
		super(source, timestamp, request);
	}

}
