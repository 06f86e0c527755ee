package dev.breakglass.service;

import java.time.Instant;

/**
 * A signed-in principal asked for an OTP naming someone else as the requester, or
 * presented an OTP that was asked for by someone else: refused, and nothing was
 * generated, sent or issued. {@link #principal()} is who was signed in,
 * {@link #request()} whom the request (or the OTP) named.
 */
public final class RequesterMismatchEvent extends BreakGlassEvent {

	RequesterMismatchEvent(BreakGlassService source, Instant timestamp, String principal, BreakGlassRequest named) {
		super(source, timestamp, principal, named);
	}

}
