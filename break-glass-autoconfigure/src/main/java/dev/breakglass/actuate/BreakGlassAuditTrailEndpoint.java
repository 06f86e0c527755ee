package dev.breakglass.actuate;

import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditTrailStore;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} {@code breakglassaudit}: walks the audit trail from its
 * first record and tells whether every record follows the one before it, with how many
 * there are and the hash of the last (keep it elsewhere: a trail cut short after it no
 * longer ends there), or the first broken link and why. A read that changes nothing.
 */
@Endpoint(id = "breakglassaudit")
public class BreakGlassAuditTrailEndpoint {

	private final AuditTrailStore store;

	/**
	 * Create an endpoint.
	 * @param store the audit trail
	 */
	public BreakGlassAuditTrailEndpoint(AuditTrailStore store) {
		this.store = store;
	}

	@ReadOperation
	public AuditChainVerification verify() {
		return this.store.verify();
	}

}
