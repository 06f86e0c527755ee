package dev.breakglass.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * An audit event of the break-glass flow: what happened, when, and who asked and why. No
 * event carries a secret.
 */
public abstract class BreakGlassEvent extends ApplicationEvent {

	private final @Nullable BreakGlassRequest request;

	protected BreakGlassEvent(BreakGlassService source, Instant timestamp, @Nullable BreakGlassRequest request) {
		super(source, Clock.fixed(timestamp, ZoneOffset.UTC));
		this.request = request;
	}

	/**
	 * When the event happened, by the service's clock.
	 * @return the instant
	 */
	public Instant instant() {
		return Instant.ofEpochMilli(getTimestamp());
	}

	/**
	 * Who asked and why, when known (an OTP presented when none was pending, or an open
	 * refused by a lockout, has no requester).
	 * @return the request, or {@code null}
	 */
	public @Nullable BreakGlassRequest request() {
		return this.request;
	}

	/**
	 * Who asked, when known.
	 * @return the requester, or {@code null}
	 */
	public @Nullable String requester() {
		return (this.request != null) ? this.request.requester() : null;
	}

	/**
	 * Why, when known.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String reason() {
		return (this.request != null) ? this.request.reason() : null;
	}

	/**
	 * The event's fields for {@link #toString()}, after the requester and reason.
	 * @return the fields, or an empty string
	 */
	protected String details() {
		return "";
	}

	@Override
	public String toString() {
		String details = details();
		return getClass().getSimpleName() + "[instant=" + instant() + ", requester=" + requester() + ", reason="
				+ reason() + (details.isEmpty() ? "" : ", " + details) + "]";
	}

}
