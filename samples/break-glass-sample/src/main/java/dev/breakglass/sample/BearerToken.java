package dev.breakglass.sample;

/**
 * Reads the token of an {@code Authorization: BreakGlass} header, the scheme of the
 * starter's {@code BreakGlassConfigurer}, which has already authenticated it when a
 * controller sees it.
 */
final class BearerToken {

	private static final String PREFIX = "BreakGlass ";

	private BearerToken() {
	}

	static String from(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		return authorization.substring(PREFIX.length()).trim();
	}

}
