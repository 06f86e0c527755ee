/**
 * Break-glass in Spring's operations tooling (optional dependencies): Micrometer
 * observations of the stores and the flow, the Actuator endpoint {@code breakglass}, the
 * {@code breakGlass} health contributor and audit events. None of them ever carries a
 * token, OTP or hash.
 */
@NullMarked
package dev.breakglass.actuate;

import org.jspecify.annotations.NullMarked;
