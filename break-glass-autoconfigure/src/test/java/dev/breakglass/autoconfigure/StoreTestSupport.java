package dev.breakglass.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Instant;

import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.OtpSender;
import dev.breakglass.store.BreakGlassStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the auto-configuration tests share: stores of the application's own, the failure
 * of an unavailable backend, and a sender that keeps the last OTP.
 */
final class StoreTestSupport {

	private StoreTestSupport() {
	}

	/**
	 * A store of the application's own, as far as the starter can tell.
	 * @param store which store
	 * @return an implementation of its interface that supports no operation
	 */
	static Object stubStore(BreakGlassStore store) {
		return Proxy.newProxyInstance(StoreTestSupport.class.getClassLoader(), new Class<?>[] { store.type() },
				(proxy, method, args) -> switch (method.getName()) {
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "stub " + store.key() + " store";
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	/**
	 * The {@link StoreBackendUnavailableException} behind a start-up failure.
	 * @param failure the failure
	 * @return the exception, asserted to be there
	 */
	static StoreBackendUnavailableException unavailableCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof StoreBackendUnavailableException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("cause of %s", failure).isNotNull();
		return (StoreBackendUnavailableException) cause;
	}

	/**
	 * A failure's stack trace as text, to check that no secret appears in it.
	 * @param failure the failure
	 * @return its stack trace, causes included
	 */
	static String stackTrace(Throwable failure) {
		StringWriter writer = new StringWriter();
		failure.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

	/**
	 * Keeps the last OTP it was asked to send.
	 */
	static class RecordingSender implements OtpSender {

		volatile String otp;

		@Override
		public void send(String otp, Instant expiresAt, BreakGlassRequest request) {
			this.otp = otp;
		}

	}

}
