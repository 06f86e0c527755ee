package dev.breakglass.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.breakglass.actuate.BreakGlassAuditTrail;
import dev.breakglass.store.AuditTrailStore;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * With {@code break-glass.audit.required=true}, stops start-up unless a required
 * {@link BreakGlassAuditTrail} records every session opened: a requirement that nothing
 * enforces must not pass for one that holds.
 */
final class AuditTrailRequirement implements SmartInitializingSingleton, BeanClassLoaderAware {

	static final String PROPERTY = "break-glass.audit.required";

	private static final String ACTUATOR = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

	private final ListableBeanFactory beanFactory;

	private @Nullable ClassLoader classLoader;

	AuditTrailRequirement(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
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
		if (!ClassUtils.isPresent(ACTUATOR, this.classLoader)) {
			return "Spring Boot Actuator is not on the classpath";
		}
		if (this.beanFactory.getBeanNamesForType(AuditTrailStore.class).length == 0) {
			return "there is no AuditTrailStore";
		}
		if (this.beanFactory.getBeanNamesForType(BreakGlassAuditTrail.class).length == 0) {
			return "break-glass.audit.trail is false";
		}
		return "the BreakGlassAuditTrail bean is not required (create it with required = true)";
	}

}
