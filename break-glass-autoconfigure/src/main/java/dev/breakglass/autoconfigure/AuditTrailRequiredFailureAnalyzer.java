package dev.breakglass.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link AuditTrailRequiredException}: what a required audit trail needs.
 */
class AuditTrailRequiredFailureAnalyzer extends AbstractFailureAnalyzer<AuditTrailRequiredException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AuditTrailRequiredException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Keep break-glass.audit.trail=true (the default) and an AuditTrailStore (every backend has one; "
						+ "break-glass.audit.store picks it), or set " + AuditTrailRequirement.PROPERTY
						+ "=false to let sessions open when their record " + "cannot be written.",
				cause);
	}

}
