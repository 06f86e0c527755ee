package dev.breakglass.store;

import org.jspecify.annotations.Nullable;

/**
 * A session token just issued by {@link BreakGlassTokenStore#issue}, with who held the
 * live token it replaced, if any. {@link #toString()} never shows the token.
 *
 * @param token the new token: the only time it is handed out
 * @param replaced who asked for the live token this one replaced and why, or {@code null}
 * when no live token was active
 */
public record IssuedToken(String token, @Nullable Attribution replaced) {

	@Override
	public String toString() {
		return "IssuedToken[replaced=" + this.replaced + "]";
	}

}
