package dev.breakglass.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.actuate.BreakGlassFlowObservations;
import dev.breakglass.actuate.BreakGlassStoreObservationPostProcessor;
import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.IssuedToken;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.breakglass.test.Requests.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class BreakGlassObservationAutoConfigurationTests {

	private static final Recorded RECORDED = new Recorded();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class,
				BreakGlassAutoConfiguration.class, BreakGlassObservationAutoConfiguration.class))
		.withUserConfiguration(BreakGlassAutoConfigurationTests.RecordingSenderConfiguration.class)
		.withBean(Recorded.class, () -> {
			RECORDED.contexts.clear();
			return RECORDED;
		});

	@Test
	void whenARegistryIsPresentThenStoreCallsAndFlowStepsAreObservedWithoutASecret(CapturedOutput output) {
		List<String> secrets = new ArrayList<>();
		this.contextRunner
			.withBean(ObservationRegistry.class, BreakGlassObservationAutoConfigurationTests::recordingRegistry)
			.run((context) -> {
				assertThat(context).hasSingleBean(BreakGlassStoreObservationPostProcessor.class)
					.hasSingleBean(BreakGlassFlowObservations.class);
				assertThat(AopUtils.isAopProxy(context.getBean(BreakGlassTokenStore.class))).isTrue();
				Recorded registry = context.getBean(Recorded.class);
				BreakGlassService service = context.getBean(BreakGlassService.class);
				service.requestOtp(REQUEST);
				String otp = context.getBean(StoreTestSupport.RecordingSender.class).otp;
				BreakGlassSession session = service.open(otp);
				assertThat(service.authenticate(session.token())).isPresent();
				assertThat(service.close(session.token())).isTrue();
				assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> service.open(otp));
				secrets.add(otp);
				secrets.add(session.token());

				assertThat(tags(registry, "break.glass.store")).contains(
						"backend=memory operation=generate outcome=success store=otp",
						"backend=memory operation=verify outcome=valid store=otp",
						"backend=memory operation=verify outcome=no-pending-otp store=otp",
						"backend=memory operation=issue outcome=success store=session-token",
						"backend=memory operation=lookup outcome=found store=session-token",
						"backend=memory operation=revoke outcome=found store=session-token",
						"backend=memory operation=countInWindow outcome=allowed store=attempt-counter");
				assertThat(tags(registry, "break.glass.flow")).containsExactly(
						"cause=none drill=false step=otp.requested", "cause=none drill=false step=session.opened",
						"cause=none drill=false step=session.closed",
						"cause=no-pending-otp drill=false step=otp.rejected");
				for (Observation.Context observed : registry.contexts) {
					String shown = observed.getName() + " " + observed.getContextualName() + " "
							+ observed.getAllKeyValues();
					assertThat(shown).doesNotContain(otp)
						.doesNotContain(session.token())
						.doesNotContain(REQUEST.requester())
						.doesNotContain(REQUEST.reason());
				}
			});
		assertThat(output).contains("session-token=memory").doesNotContain("custom (");
		assertThat(secrets).hasSize(2).allSatisfy((secret) -> assertThat(output.getAll()).doesNotContain(secret));
	}

	@Test
	void whenAnApplicationStoreIsPresentThenItIsObservedAsCustom() {
		this.contextRunner
			.withBean(ObservationRegistry.class, BreakGlassObservationAutoConfigurationTests::recordingRegistry)
			.withBean("myTokenStore", BreakGlassTokenStore.class,
					() -> new ApplicationTokenStore(
							new InMemoryBreakGlassTokenStore(Clock.systemUTC(), Duration.ofHours(1))))
			.run((context) -> {
				context.getBean(BreakGlassTokenStore.class).clear();
				assertThat(tags(context.getBean(Recorded.class), "break.glass.store"))
					.contains("backend=custom operation=clear outcome=success store=session-token");
			});
	}

	@Test
	void whenNoRegistryIsPresentThenNothingIsObserved() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(BreakGlassStoreObservationPostProcessor.class)
				.doesNotHaveBean(BreakGlassFlowObservations.class);
			assertThat(AopUtils.isAopProxy(context.getBean(OtpStore.class))).isFalse();
		});
	}

	@Test
	void whenMicrometerIsAbsentThenNothingIsObserved() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(BreakGlassStoreObservationPostProcessor.class)
				.doesNotHaveBean(BreakGlassFlowObservations.class);
		});
	}

	@Test
	void whenTheApplicationDefinesTheFlowObservationsThenTheyAreUsed() {
		BreakGlassFlowObservations mine = new BreakGlassFlowObservations(ObservationRegistry.NOOP);
		this.contextRunner
			.withBean(ObservationRegistry.class, BreakGlassObservationAutoConfigurationTests::recordingRegistry)
			.withBean("mine", BreakGlassFlowObservations.class, () -> mine)
			.run((context) -> assertThat(context).getBean(BreakGlassFlowObservations.class).isSameAs(mine));
	}

	@Test
	void whenBreakGlassIsDisabledThenNothingIsObserved() {
		this.contextRunner
			.withBean(ObservationRegistry.class, BreakGlassObservationAutoConfigurationTests::recordingRegistry)
			.withPropertyValues("break-glass.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassStoreObservationPostProcessor.class));
	}

	static ObservationRegistry recordingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(RECORDED);
		return registry;
	}

	private static List<String> tags(Recorded registry, String name) {
		List<String> tags = new ArrayList<>();
		for (Observation.Context context : registry.contexts) {
			if (name.equals(context.getName())) {
				List<String> values = new ArrayList<>();
				for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
					values.add(keyValue.getKey() + "=" + keyValue.getValue());
				}
				tags.add(String.join(" ", values));
			}
		}
		return tags;
	}

	/**
	 * Every observation stopped, in order.
	 */
	static final class Recorded implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/**
	 * A token store of the application's own.
	 */
	record ApplicationTokenStore(BreakGlassTokenStore delegate) implements BreakGlassTokenStore {

		@Override
		public IssuedToken issue(Attribution attribution) {
			return this.delegate.issue(attribution);
		}

		@Override
		public Optional<ActiveToken> lookup(String token) {
			return this.delegate.lookup(token);
		}

		@Override
		public boolean revoke(String token) {
			return this.delegate.revoke(token);
		}

		@Override
		public void clear() {
			this.delegate.clear();
		}

	}

}
