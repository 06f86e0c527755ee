package dev.breakglass.actuate;

import java.util.Optional;

import io.micrometer.observation.ObservationRegistry;

import dev.breakglass.store.BreakGlassStore;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps every break-glass store bean, the starter's or the application's, in a proxy that
 * observes each call with a {@link BreakGlassStoreObservationInterceptor}. The stores
 * themselves stay unchanged, and keep every guarantee: the proxy only times the call and
 * names its outcome.
 */
public final class BreakGlassStoreObservationPostProcessor implements BeanPostProcessor {

	private final SingletonSupplier<ObservationRegistry> registry;

	/**
	 * Create a post-processor.
	 * @param registry the registry, looked up when a store is first called
	 */
	public BreakGlassStoreObservationPostProcessor(ObjectProvider<ObservationRegistry> registry) {
		this.registry = SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Advised advised && isObserved(advised)) {
			return bean;
		}
		Optional<BreakGlassStore> store = BreakGlassStore.of(bean);
		if (store.isEmpty()) {
			return bean;
		}
		// every interface of the store, so that callbacks such as DisposableBean still
		// reach it
		ProxyFactory factory = new ProxyFactory(bean);
		factory.addAdvice(new BreakGlassStoreObservationInterceptor(this.registry, store.get().key(),
				BreakGlassStore.backend(bean)));
		return factory.getProxy(bean.getClass().getClassLoader());
	}

	private static boolean isObserved(Advised advised) {
		for (var advisor : advised.getAdvisors()) {
			if (advisor.getAdvice() instanceof BreakGlassStoreObservationInterceptor) {
				return true;
			}
		}
		return false;
	}

}
