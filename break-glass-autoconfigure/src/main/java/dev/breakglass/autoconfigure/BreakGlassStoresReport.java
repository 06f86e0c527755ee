package dev.breakglass.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs at start-up, in one INFO line, which backend each store uses, and warns once when
 * a store keeps its secrets in this JVM only.
 */
class BreakGlassStoresReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(BreakGlassStoresReport.class);

	private static final String BACKEND_PACKAGE_PREFIX = "dev.breakglass.store.";

	private final ListableBeanFactory beanFactory;

	BreakGlassStoresReport(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> backends = new ArrayList<>();
		boolean inMemory = false;
		for (BreakGlassStore store : BreakGlassStore.values()) {
			Object bean = this.beanFactory.getBeanProvider(store.type()).getIfUnique();
			String backend = describe(bean);
			inMemory |= "memory".equals(backend);
			backends.add(store.key() + "=" + backend);
		}
		logger.info("Break-glass stores: " + String.join(", ", backends));
		if (inMemory) {
			logger.warn("Break-glass memory stores keep their secrets in this JVM only: other nodes do not see them "
					+ "and a restart loses them. Use break-glass.store=jpa or redis when running more than one node.");
		}
	}

	private static String describe(Object bean) {
		if (bean == null) {
			return "none";
		}
		// through the proxies that observe stores
		Class<?> type = AopProxyUtils.ultimateTargetClass(bean);
		String packageName = type.getPackageName();
		if (packageName.startsWith(BACKEND_PACKAGE_PREFIX)) {
			return packageName.substring(BACKEND_PACKAGE_PREFIX.length());
		}
		return "custom (" + type.getName() + ")";
	}

}
