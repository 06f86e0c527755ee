package dev.breakglass.test;

import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.store.Attribution;

/**
 * Who asks and why, in tests.
 */
public final class Requests {

	/**
	 * A requester and reason, as the stores keep them.
	 */
	public static final Attribution ATTRIBUTION = new Attribution("alice@example.com", "INC-4711: database down");

	/**
	 * The same, as the service takes it.
	 */
	public static final BreakGlassRequest REQUEST = new BreakGlassRequest(ATTRIBUTION.requester(),
			ATTRIBUTION.reason());

	private Requests() {
	}

}
