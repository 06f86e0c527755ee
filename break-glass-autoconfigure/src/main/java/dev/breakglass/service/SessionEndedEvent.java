package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An operator ended the open break-glass session with {@link BreakGlassService#end},
 * without its token. {@link #principal()} is the operator, as signed in; the request is
 * the ended session's.
 */
public final class SessionEndedEvent extends BreakGlassEvent {

	SessionEndedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			BreakGlassRequest request) {
		super(source, timestamp, principal, request);
	}

}
