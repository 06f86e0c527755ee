/**
 * The break-glass flow: request an OTP, deliver it out of band, exchange it for a session
 * token, check and close the session.
 */
@NullMarked
package dev.breakglass.service;

import org.jspecify.annotations.NullMarked;
