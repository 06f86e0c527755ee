package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A live break-glass session was closed because another was opened. The requester and
 * reason are those of the session that ended; {@link #replacedBy()} says who opened the
 * new one.
 */
public final class SessionReplacedEvent extends BreakGlassEvent {

	private final BreakGlassRequest replacedBy;

	SessionReplacedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			BreakGlassRequest replaced, BreakGlassRequest replacedBy) {
		super(source, timestamp, principal, replaced);
		this.replacedBy = replacedBy;
	}

	/**
	 * Who opened the session that replaced it, and why.
	 * @return the request
	 */
	public BreakGlassRequest replacedBy() {
		return this.replacedBy;
	}

	@Override
	protected String details() {
		return "replacedBy=" + this.replacedBy;
	}

}
