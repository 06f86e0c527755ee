package dev.breakglass.actuate;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.OtpVerificationResult;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.util.ReflectionUtils;

/**
 * Observes every call of a store interface's methods as {@value #NAME}, tagged with the
 * store, its backend, the operation and its outcome. Only names from fixed sets become
 * tags: never an argument, so never a token, OTP, hash, requester or reason.
 */
final class BreakGlassStoreObservationInterceptor implements MethodInterceptor {

	/**
	 * Name of the store observations.
	 */
	static final String NAME = "break.glass.store";

	private final Supplier<ObservationRegistry> registry;

	private final String store;

	private final String backend;

	BreakGlassStoreObservationInterceptor(Supplier<ObservationRegistry> registry, String store, String backend) {
		this.registry = registry;
		this.store = store;
		this.backend = backend;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (ReflectionUtils.isObjectMethod(method)) {
			return invocation.proceed();
		}
		Observation observation = Observation.createNotStarted(NAME, this.registry.get())
			.contextualName(this.store + " " + method.getName())
			.lowCardinalityKeyValues(
					KeyValues.of("store", this.store, "backend", this.backend, "operation", method.getName()))
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Object result = invocation.proceed();
			observation.lowCardinalityKeyValue("outcome", outcome(result));
			return result;
		}
		catch (Throwable ex) {
			observation.lowCardinalityKeyValue("outcome", failure(ex));
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static String outcome(@Nullable Object result) {
		if (result instanceof Optional<?> optional) {
			return optional.isPresent() ? "found" : "not-found";
		}
		if (result instanceof Boolean found) {
			return found ? "found" : "not-found";
		}
		if (result instanceof OtpVerificationResult verification) {
			return verification.verification().name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		if (result instanceof AttemptCount count) {
			return count.isAllowed() ? "allowed" : "refused";
		}
		return "success";
	}

	private static String failure(Throwable ex) {
		if (ex instanceof StoreUnavailableException) {
			return "unavailable";
		}
		if (ex instanceof DuplicateCodeException) {
			return "duplicate";
		}
		if (ex instanceof IllegalArgumentException) {
			return "invalid";
		}
		return "error";
	}

}
