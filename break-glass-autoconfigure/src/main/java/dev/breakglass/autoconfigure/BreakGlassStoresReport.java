package dev.breakglass.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.breakglass.store.BreakGlassStore;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Logs at start-up, in one INFO line, which backend each store uses (as
 * {@link StoreSelection} resolved it, or the class of a store the application defined
 * itself), and warns once when a store keeps its secrets in this JVM only.
 */
class BreakGlassStoresReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(BreakGlassStoresReport.class);

	private final ListableBeanFactory beanFactory;

	private final Binder binder;

	BreakGlassStoresReport(ListableBeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.binder = Binder.get(environment);
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> backends = new ArrayList<>();
		boolean inMemory = false;
		for (BreakGlassStore store : BreakGlassStore.values()) {
			Object bean = this.beanFactory.getBeanProvider(store.type()).getIfUnique();
			String backend = describe(bean, StoreSelection.of(store, this.binder));
			inMemory |= "memory".equals(backend);
			backends.add(store.key() + "=" + backend);
		}
		logger.info("Break-glass stores: " + String.join(", ", backends));
		if (inMemory) {
			logger.warn("Break-glass memory stores keep their secrets in this JVM only: other nodes do not see them "
					+ "and a restart loses them. Use break-glass.store=jpa or redis when running more than one node.");
		}
	}

	private static String describe(@Nullable Object bean, StoreSelection selection) {
		if (bean == null) {
			return "none";
		}
		String backend = BreakGlassStore.backend(bean);
		if (backend.equals(selection.backend())) {
			return backend;
		}
		return "custom (" + AopProxyUtils.ultimateTargetClass(bean).getName() + ")";
	}

}
