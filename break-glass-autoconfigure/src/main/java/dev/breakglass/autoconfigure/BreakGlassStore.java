package dev.breakglass.autoconfigure;

import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The five stores, each with its property and interface: the one place that says which
 * backend a store is to use.
 */
enum BreakGlassStore {

	SESSION_TOKEN("session-token", BreakGlassTokenStore.class),

	OTP("otp", OtpStore.class),

	AUTHORIZATION_CODE("authorization-code", AuthorizationCodeStore.class),

	METADATA_CACHE("metadata-cache", MetadataCache.class),

	ONE_TIME_TOKEN("one-time-token", OneTimeTokenStore.class);

	static final String DEFAULT_PROPERTY = "break-glass.store";

	private final String key;

	private final Class<?> type;

	BreakGlassStore(String key, Class<?> type) {
		this.key = key;
		this.type = type;
	}

	String key() {
		return this.key;
	}

	String property() {
		return "break-glass." + this.key + ".store";
	}

	Class<?> type() {
		return this.type;
	}

	/**
	 * The backend this store is configured to use: its own property, else
	 * {@code break-glass.store}, else memory.
	 * @param binder binds the properties
	 * @return the backend
	 */
	StoreType selectedType(Binder binder) {
		return binder.bind(property(), StoreType.class)
			.orElseGet(() -> binder.bind(DEFAULT_PROPERTY, StoreType.class).orElse(StoreType.MEMORY));
	}

}
