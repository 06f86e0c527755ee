package dev.breakglass.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.context.ApplicationEvent;

/**
 * An audit event of the break-glass flow. No event carries a secret.
 */
public abstract class BreakGlassEvent extends ApplicationEvent {

	protected BreakGlassEvent(BreakGlassService source, Instant timestamp) {
		super(source, Clock.fixed(timestamp, ZoneOffset.UTC));
	}

	/**
	 * When the event happened, by the service's clock.
	 * @return the instant
	 */
	public Instant instant() {
		return Instant.ofEpochMilli(getTimestamp());
	}

}
