package dev.breakglass.service;

import dev.breakglass.store.Attribution;

/**
 * Who asks to break the glass and why, and whether it is a drill. Requester and reason
 * are required, non-blank and free of control characters; the requester has at most 200
 * characters and the reason at most 1,000. They travel with the OTP and then with the
 * session, and appear in every event and in the audit line; they are not secrets. A drill
 * runs the whole flow, is tagged as one in every event, metric and audit record, and its
 * session grants only the drill authority.
 *
 * @param requester who asks
 * @param reason why
 * @param drill whether it is a drill
 */
public record BreakGlassRequest(String requester, String reason, boolean drill) {

	/**
	 * Create a request.
	 * @param requester who asks
	 * @param reason why
	 * @param drill whether it is a drill
	 * @throws IllegalArgumentException naming the field that is missing, blank, too long
	 * or holds a control character
	 */
	public BreakGlassRequest {
		new Attribution(requester, reason, drill);
	}

	/**
	 * Create a request that is not a drill.
	 * @param requester who asks
	 * @param reason why
	 * @throws IllegalArgumentException naming the field that is missing, blank, too long
	 * or holds a control character
	 */
	public BreakGlassRequest(String requester, String reason) {
		this(requester, reason, false);
	}

	/**
	 * Create a drill.
	 * @param requester who asks
	 * @param reason why
	 * @return the request
	 * @throws IllegalArgumentException naming the field that is missing, blank, too long
	 * or holds a control character
	 */
	public static BreakGlassRequest drill(String requester, String reason) {
		return new BreakGlassRequest(requester, reason, true);
	}

	static BreakGlassRequest of(Attribution attribution) {
		return new BreakGlassRequest(attribution.requester(), attribution.reason(), attribution.drill());
	}

	Attribution attribution() {
		return new Attribution(this.requester, this.reason, this.drill);
	}

}
