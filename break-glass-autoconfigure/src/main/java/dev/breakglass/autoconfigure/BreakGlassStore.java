package dev.breakglass.autoconfigure;

import java.util.Locale;

import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The five stores, each with its property and interface, and {@link #resolve}: the one
 * answer to which backend a store uses, which {@link OnStoreTypeCondition},
 * {@link StoreBackendUnavailableException} and {@link BreakGlassStoresReport} all read.
 */
enum BreakGlassStore {

	SESSION_TOKEN("session-token", "session token store", BreakGlassTokenStore.class),

	OTP("otp", "OTP store", OtpStore.class),

	AUTHORIZATION_CODE("authorization-code", "authorization code store", AuthorizationCodeStore.class),

	METADATA_CACHE("metadata-cache", "metadata cache", MetadataCache.class),

	ONE_TIME_TOKEN("one-time-token", "one-time token store", OneTimeTokenStore.class);

	static final String DEFAULT_PROPERTY = "break-glass.store";

	private final String key;

	private final String description;

	private final Class<?> type;

	BreakGlassStore(String key, String description, Class<?> type) {
		this.key = key;
		this.description = description;
		this.type = type;
	}

	String key() {
		return this.key;
	}

	String description() {
		return this.description;
	}

	String property() {
		return "break-glass." + this.key + ".store";
	}

	Class<?> type() {
		return this.type;
	}

	/**
	 * Resolve the backend this store uses: its own property, else
	 * {@code break-glass.store}, else memory.
	 * @param binder binds the properties
	 * @return the backend and the property that chose it
	 */
	Selection resolve(Binder binder) {
		BindResult<StoreType> own = binder.bind(property(), StoreType.class);
		if (own.isBound()) {
			return new Selection(own.get(), property());
		}
		return new Selection(binder.bind(DEFAULT_PROPERTY, StoreType.class).orElse(StoreType.MEMORY), DEFAULT_PROPERTY);
	}

	/**
	 * The backend a store resolved to.
	 *
	 * @param type the backend
	 * @param property the property that chose it (the default one when the store's own is
	 * unset, even if that is unset too)
	 */
	record Selection(StoreType type, String property) {

		String backend() {
			return this.type.name().toLowerCase(Locale.ROOT);
		}

	}

}
