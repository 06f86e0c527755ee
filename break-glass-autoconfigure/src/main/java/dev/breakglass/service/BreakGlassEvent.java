package dev.breakglass.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * An audit event of the break-glass flow: what happened, when, who was signed in, and who
 * asked and why. No event carries a secret.
 */
public abstract class BreakGlassEvent extends ApplicationEvent {

	private final @Nullable String principal;

	private final @Nullable BreakGlassRequest request;

	protected BreakGlassEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			@Nullable BreakGlassRequest request) {
		super(source, Clock.fixed(timestamp, ZoneOffset.UTC));
		this.principal = principal;
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
	 * Who was signed in when the step was taken, as {@link BreakGlassCaller} tells it.
	 * Where a signed-in principal asks, it is the requester: a request naming someone
	 * else is refused with a {@link RequesterMismatchEvent} that records both.
	 * @return the principal's name, or {@code null} when no one was signed in
	 */
	public @Nullable String principal() {
		return this.principal;
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
	 * Whether the step belongs to a drill.
	 * @return {@code true} for a drill's request, approval or session
	 */
	public boolean drill() {
		return this.request != null && this.request.drill();
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
		return getClass().getSimpleName() + "[instant=" + instant() + ", principal=" + this.principal + ", requester="
				+ requester() + ", reason=" + reason() + (drill() ? ", drill=true" : "")
				+ (details.isEmpty() ? "" : ", " + details) + "]";
	}

}
