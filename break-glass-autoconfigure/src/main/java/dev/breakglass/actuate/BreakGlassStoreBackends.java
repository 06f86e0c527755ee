package dev.breakglass.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Names the stores and their backends the same way in metric tags, the endpoint and the
 * health details: a store by its property key, a backend by the package of the store's
 * class ({@code memory}, {@code jpa}, {@code redis}), else {@code custom}.
 */
public final class BreakGlassStoreBackends {

	private static final String BACKEND_PACKAGE_PREFIX = "dev.breakglass.store.";

	private static final Map<Class<?>, String> STORES;

	static {
		Map<Class<?>, String> stores = new LinkedHashMap<>();
		stores.put(BreakGlassTokenStore.class, "session-token");
		stores.put(OtpStore.class, "otp");
		stores.put(AttemptCounterStore.class, "attempt-counter");
		stores.put(AuthorizationCodeStore.class, "authorization-code");
		stores.put(MetadataCache.class, "metadata-cache");
		stores.put(OneTimeTokenStore.class, "one-time-token");
		STORES = Collections.unmodifiableMap(stores);
	}

	private BreakGlassStoreBackends() {
	}

	/**
	 * The store interfaces, each with its name.
	 * @return the interfaces and names
	 */
	static Map<Class<?>, String> stores() {
		return STORES;
	}

	/**
	 * The break-glass stores of a bean factory, by name, in a fixed order.
	 * @param beanFactory where the stores are
	 * @return each store found, by name
	 */
	public static Map<String, Object> find(ListableBeanFactory beanFactory) {
		Map<String, Object> found = new LinkedHashMap<>();
		STORES.forEach((type, name) -> {
			Object store = beanFactory.getBeanProvider(type).getIfUnique();
			if (store != null) {
				found.put(name, store);
			}
		});
		return found;
	}

	/**
	 * The name of a store interface.
	 * @param type a store interface
	 * @return its name, such as {@code session-token}, or {@code null} if it is none
	 */
	static @Nullable String storeName(Class<?> type) {
		return STORES.get(type);
	}

	/**
	 * The backend of a store, looking through proxies.
	 * @param store the store
	 * @return {@code memory}, {@code jpa}, {@code redis} or {@code custom}
	 */
	public static String backend(Object store) {
		String packageName = AopProxyUtils.ultimateTargetClass(store).getPackageName();
		if (packageName.startsWith(BACKEND_PACKAGE_PREFIX)
				&& packageName.indexOf('.', BACKEND_PACKAGE_PREFIX.length()) < 0) {
			return packageName.substring(BACKEND_PACKAGE_PREFIX.length());
		}
		return "custom";
	}

}
