package dev.breakglass.service;

import java.util.Optional;

/**
 * Tells {@link BreakGlassService} who is signed in. A signed-in principal is the only
 * requester it may name, its pending OTP is its own and only it can spend it, and its
 * limits count only its attempts. With no one signed in, the flow is the seed's: one
 * shared pending OTP, the requester named by the request.
 * <p>
 * The starter's bean reads Spring Security's {@code SecurityContextHolder} when Spring
 * Security is present; define a bean of your own for another source of identity.
 */
@FunctionalInterface
public interface BreakGlassCaller {

	/**
	 * Who is signed in.
	 * @return the principal's name, empty when no one is (an anonymous caller included)
	 */
	Optional<String> principal();

	/**
	 * A caller that never has a principal: every call takes the seed's shared flow.
	 * @return the caller
	 */
	static BreakGlassCaller none() {
		return Optional::empty;
	}

}
