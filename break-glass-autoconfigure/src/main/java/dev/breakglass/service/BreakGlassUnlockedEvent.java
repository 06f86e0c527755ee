package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An operator ended the lockouts of one principal with {@link BreakGlassService#unlock}.
 * {@link #principal()} is the operator, as signed in; {@link #unlocked()} whose opens may
 * be attempted again.
 */
public final class BreakGlassUnlockedEvent extends BreakGlassEvent {

	private final String unlocked;

	BreakGlassUnlockedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal, String unlocked) {
		super(source, timestamp, principal, null);
		this.unlocked = unlocked;
	}

	/**
	 * Whose lockouts ended: a principal's name, or the empty string for the opens of
	 * callers with no principal.
	 * @return the name
	 */
	public String unlocked() {
		return this.unlocked;
	}

	@Override
	protected String details() {
		return "unlocked=" + this.unlocked;
	}

}
