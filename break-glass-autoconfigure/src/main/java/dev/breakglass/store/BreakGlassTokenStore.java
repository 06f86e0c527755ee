package dev.breakglass.store;

import java.util.Optional;

/**
 * At most one active break-glass session token (cluster-wide for jpa/redis), with who
 * asked for it and why. Issuing a token replaces the active one and reports whose it was;
 * {@link #revoke} is an atomic match-and-delete, so of any number of racing revokes of
 * one token exactly one returns {@code true}.
 */
public interface BreakGlassTokenStore {

	/**
	 * Issue a new session token and make it the only active one.
	 * @param attribution who asks for it and why; kept with it
	 * @return the token, 32 random bytes as URL-safe Base64 without padding (43
	 * characters), with who held the live token it replaced, read in the same atomic step
	 */
	IssuedToken issue(Attribution attribution);

	/**
	 * Look a token up. With an idle timeout
	 * ({@link dev.breakglass.store.SessionLifetime}) a lookup that finds the token is its
	 * use: it moves the token's deadline to the idle timeout from now, never past its
	 * ttl, when that moves it by a step, and only while the token is still the active
	 * one; a wrong token moves nothing.
	 * @param token the token presented
	 * @return when it was issued and who asked for it and why, if it is the active,
	 * unexpired token; empty for any other token, including malformed ones
	 */
	Optional<ActiveToken> lookup(String token);

	/**
	 * Tell about the active, unexpired token without presenting it, for operators (never
	 * the token or its hash). A read: it changes nothing.
	 * @return when it was issued and who asked for it and why, if a token is active
	 * @throws UnsupportedOperationException if the store cannot tell
	 */
	default Optional<ActiveToken> active() {
		throw new UnsupportedOperationException(getClass().getName() + " cannot tell the active token");
	}

	/**
	 * Atomically remove the token if it is the active, unexpired one.
	 * @param token the token presented
	 * @return whether this call removed it
	 */
	boolean revoke(String token);

	/**
	 * Remove the active token, whatever it is.
	 */
	void clear();

	/**
	 * Remove the active token, whatever it is, and tell whose it was, in one atomic step:
	 * of any number of racing calls (and a racing {@link #revoke}) at most one reports a
	 * given token, and a token issued after the removal is never touched. For operators
	 * who end a session without holding its token.
	 * @return when the removed token was issued and who asked for it and why, if it was
	 * live
	 * @throws UnsupportedOperationException if the store cannot tell
	 */
	default Optional<ActiveToken> end() {
		throw new UnsupportedOperationException(getClass().getName() + " cannot end the active token");
	}

}
