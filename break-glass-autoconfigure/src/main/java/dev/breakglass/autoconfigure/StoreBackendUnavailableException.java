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
		return of(store, store.type(), environment);
	}

	/**
	 * The exception for a bean that lives on a store's backend.
	 * @param store the store whose backend was selected
	 * @param beanType the type of the bean that could not be configured
	 * @param environment the environment
	 * @return the exception
	 */
	static StoreBackendUnavailableException of(BreakGlassStore store, Class<?> beanType, Environment environment) {
		Binder binder = Binder.get(environment);
		String property = binder.bind(store.property(), StoreType.class).isBound() ? store.property()
				: BreakGlassStore.DEFAULT_PROPERTY;
		return new StoreBackendUnavailableException(property, store.selectedType(binder), beanType);
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
