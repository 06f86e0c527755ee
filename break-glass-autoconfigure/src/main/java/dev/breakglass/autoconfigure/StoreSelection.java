package dev.breakglass.autoconfigure;

import java.util.Locale;

import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The backend a store uses and the property that chose it: the one answer, read by
 * {@link OnStoreTypeCondition}, {@link StoreBackendUnavailableException} and
 * {@link BreakGlassStoresReport}.
 *
 * @param type the backend
 * @param property the property that chose it (the default one when the store's own is
 * unset, even if that is unset too)
 */
record StoreSelection(StoreType type, String property) {

	/**
	 * Resolve the backend a store uses: its own property, else {@code break-glass.store},
	 * else memory.
	 * @param store the store
	 * @param binder binds the properties
	 * @return the backend and the property that chose it
	 */
	static StoreSelection of(BreakGlassStore store, Binder binder) {
		BindResult<StoreType> own = binder.bind(store.property(), StoreType.class);
		if (own.isBound()) {
			return new StoreSelection(own.get(), store.property());
		}
		return new StoreSelection(
				binder.bind(BreakGlassStore.DEFAULT_PROPERTY, StoreType.class).orElse(StoreType.MEMORY),
				BreakGlassStore.DEFAULT_PROPERTY);
	}

	String backend() {
		return this.type.name().toLowerCase(Locale.ROOT);
	}

}
