package dev.breakglass.service;

import dev.breakglass.store.Attribution;

/**
 * Who asks to break the glass and why. Both are required, non-blank and free of control
 * characters; the requester has at most 200 characters and the reason at most 1,000. They
 * travel with the OTP and then with the session, and appear in every event and in the
 * audit line; they are not secrets.
 *
 * @param requester who asks
 * @param reason why
 */
public record BreakGlassRequest(String requester, String reason) {

	/**
	 * Create a request.
	 * @param requester who asks
	 * @param reason why
	 * @throws IllegalArgumentException naming the field that is missing, blank, too long
	 * or holds a control character
	 */
	public BreakGlassRequest {
		new Attribution(requester, reason);
	}

	static BreakGlassRequest of(Attribution attribution) {
		return new BreakGlassRequest(attribution.requester(), attribution.reason());
	}

	Attribution attribution() {
		return new Attribution(this.requester, this.reason);
	}

}
