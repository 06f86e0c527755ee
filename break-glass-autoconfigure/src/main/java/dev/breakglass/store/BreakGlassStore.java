package dev.breakglass.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The seven stores: the one list of their names, interfaces and the properties that pick
 * their backends, read by backend selection, the start-up report, the endpoint, health
 * and metrics.
 */
public enum BreakGlassStore {

	/** Open break-glass sessions, by a keyed hash of their token. */
	SESSION_TOKEN("session-token", "session token store", BreakGlassTokenStore.class, "session-token"),

	/** Pending one-time passwords, by a keyed hash. */
	OTP("otp", "OTP store", OtpStore.class, "otp"),

	/** The service's limits; they live on the OTP store's backend. */
	ATTEMPT_COUNTER("attempt-counter", "attempt counter store", AttemptCounterStore.class, "otp"),

	/** OAuth authorization codes. */
	AUTHORIZATION_CODE("authorization-code", "authorization code store", AuthorizationCodeStore.class,
			"authorization-code"),

	/** Validated metadata documents. */
	METADATA_CACHE("metadata-cache", "metadata cache", MetadataCache.class, "metadata-cache"),

	/** One-time tokens: password reset, magic link, e-mail verification, e-mail OTP. */
	ONE_TIME_TOKEN("one-time-token", "one-time token store", OneTimeTokenStore.class, "one-time-token"),

	/** The hash-chained audit trail of the break-glass flow. */
	AUDIT_TRAIL("audit-trail", "audit trail store", AuditTrailStore.class, "audit");

	/** The property that picks the backend of every store whose own property is unset. */
	public static final String DEFAULT_PROPERTY = "break-glass.store";

	private static final String BACKEND_PACKAGE_PREFIX = "dev.breakglass.store.";

	private final String key;

	private final String description;

	private final Class<?> type;

	private final String property;

	BreakGlassStore(String key, String description, Class<?> type, String propertyGroup) {
		this.key = key;
		this.description = description;
		this.type = type;
		this.property = "break-glass." + propertyGroup + ".store";
	}

	/**
	 * The store's name in logs, metric tags, the endpoint and health.
	 * @return a name such as {@code session-token}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The store in words, for messages.
	 * @return a description such as {@code session token store}
	 */
	public String description() {
		return this.description;
	}

	/**
	 * The store's interface.
	 * @return the interface
	 */
	public Class<?> type() {
		return this.type;
	}

	/**
	 * The property that picks this store's backend before {@link #DEFAULT_PROPERTY}.
	 * @return a property such as {@code break-glass.otp.store}
	 */
	public String property() {
		return this.property;
	}

	/**
	 * The store an object is, if it is one.
	 * @param store any object
	 * @return the first store whose interface it implements
	 */
	public static Optional<BreakGlassStore> of(Object store) {
		for (BreakGlassStore candidate : values()) {
			if (candidate.type.isInstance(store)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * The stores of a bean factory, by name, in this enum's order.
	 * @param beanFactory where the stores are
	 * @return each store found once, by {@link #key()}
	 */
	public static Map<String, Object> find(ListableBeanFactory beanFactory) {
		Map<String, Object> found = new LinkedHashMap<>();
		for (BreakGlassStore store : values()) {
			Object bean = beanFactory.getBeanProvider(store.type).getIfUnique();
			if (bean != null) {
				found.put(store.key, bean);
			}
		}
		return found;
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
