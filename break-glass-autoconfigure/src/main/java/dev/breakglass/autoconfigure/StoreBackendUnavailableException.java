package dev.breakglass.autoconfigure;

import dev.breakglass.store.BreakGlassStore;
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

	private StoreBackendUnavailableException(StoreSelection selection, Class<?> storeInterface) {
		super(selection.property() + " is '" + selection.backend() + "', but no " + selection.backend() + " "
				+ storeInterface.getSimpleName() + " could be configured");
		this.property = selection.property();
		this.storeType = selection.type();
	}

	static StoreBackendUnavailableException of(BreakGlassStore store, Environment environment) {
		return new StoreBackendUnavailableException(StoreSelection.of(store, Binder.get(environment)), store.type());
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
