package dev.breakglass.autoconfigure;

import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Thrown at start-up when a store is configured to use a backend that cannot serve it,
 * because the backend's library or the bean it needs is missing.
 */
public class StoreBackendUnavailableException extends RuntimeException {

	private final String property;

	private final StoreType storeType;

	StoreBackendUnavailableException(String property, StoreType storeType, Class<?> storeInterface) {
		super(property + " is '" + storeType.name().toLowerCase() + "', but no " + storeType.name().toLowerCase() + " "
				+ storeInterface.getSimpleName() + " could be configured");
		this.property = property;
		this.storeType = storeType;
	}

	static StoreBackendUnavailableException of(BreakGlassStore store, Environment environment) {
		Binder binder = Binder.get(environment);
		String property = binder.bind(store.property(), StoreType.class).isBound() ? store.property()
				: BreakGlassStore.DEFAULT_PROPERTY;
		return new StoreBackendUnavailableException(property, store.selectedType(binder), store.type());
	}

	/**
	 * The property that selected the backend.
	 * @return the property's name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The backend that was selected.
	 * @return the backend
	 */
	public StoreType getStoreType() {
		return this.storeType;
	}

}
