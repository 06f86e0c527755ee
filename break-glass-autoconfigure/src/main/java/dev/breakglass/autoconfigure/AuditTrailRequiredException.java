package dev.breakglass.autoconfigure;

/**
 * Thrown at start-up when {@code break-glass.audit.required} is set but no audit trail
 * would refuse a session it cannot record.
 */
final class AuditTrailRequiredException extends RuntimeException {

	AuditTrailRequiredException(String message) {
		super(message);
	}

}
