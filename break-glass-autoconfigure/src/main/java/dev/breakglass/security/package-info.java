/**
 * Spring Security on break-glass (an optional dependency): session tokens presented as
 * {@code Authorization: BreakGlass <token>} through {@link BreakGlassConfigurer}, and the
 * one-time-token login's
 * {@link org.springframework.security.authentication.ott.OneTimeTokenService}.
 */
@NullMarked
package dev.breakglass.security;

import org.jspecify.annotations.NullMarked;
