package dev.breakglass.autoconfigure;

import dev.breakglass.actuate.BreakGlassAuditTrail;
import dev.breakglass.store.AuditTrailStore;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * With {@code break-glass.audit.required=true}, stops start-up unless a required
 * {@link BreakGlassAuditTrail} records every session opened: a requirement that nothing
 * enforces must not pass for one that holds.
 */
final class AuditTrailRequirement implements SmartInitializingSingleton {

	static final String PROPERTY = "break-glass.audit.required";

	private final ListableBeanFactory beanFactory;

	AuditTrailRequirement(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean enforced = this.beanFactory.getBeanProvider(BreakGlassAuditTrail.class)
			.stream()
			.anyMatch(BreakGlassAuditTrail::isRequired);
		if (!enforced) {
			throw new AuditTrailRequiredException(
					PROPERTY + " is true, but no audit trail records the sessions: " + missing());
		}
	}

	private String missing() {
		if (this.beanFactory.getBeanNamesForType(AuditTrailStore.class).length == 0) {
			return "there is no AuditTrailStore";
		}
		if (this.beanFactory.getBeanNamesForType(BreakGlassAuditTrail.class).length == 0) {
			return "break-glass.audit.trail is false";
		}
		return "the BreakGlassAuditTrail bean is not required (create it with required = true)";
	}

}
