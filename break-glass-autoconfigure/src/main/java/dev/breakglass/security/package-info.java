/**
 * Spring Security on break-glass's stores (an optional dependency): the one-time-token
 * login's {@link org.springframework.security.authentication.ott.OneTimeTokenService}.
 */
@NullMarked
package dev.breakglass.security;

import org.jspecify.annotations.NullMarked;
