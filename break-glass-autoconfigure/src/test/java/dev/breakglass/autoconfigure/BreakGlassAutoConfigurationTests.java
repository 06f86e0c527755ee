package dev.breakglass.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.breakglass.security.BreakGlassAuthenticationProvider;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.LoggingOtpSender;
import dev.breakglass.service.OtpSender;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.store.memory.InMemoryAuthorizationCodeStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryMetadataCache;
import dev.breakglass.store.memory.InMemoryOneTimeTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.test.MutableClock;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.REQUEST;

@ExtendWith(OutputCaptureExtension.class)
class BreakGlassAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class));

	@Test
	void defaultsToMemoryForEveryStore() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryBreakGlassTokenStore.class)
				.hasSingleBean(InMemoryOtpStore.class)
				.hasSingleBean(InMemoryAuthorizationCodeStore.class)
				.hasSingleBean(InMemoryMetadataCache.class)
				.hasSingleBean(InMemoryOneTimeTokenStore.class)
				.hasSingleBean(BreakGlassService.class)
				.hasSingleBean(LoggingOtpSender.class)
				.hasSingleBean(Clock.class);
			assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
		});
	}

	@Test
	void whenDisabledThenNoBeanAtAll() {
		this.contextRunner.withPropertyValues("break-glass.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(BreakGlassService.class)).isEmpty();
			assertThat(context.getBeanNamesForType(OtpStore.class)).isEmpty();
			assertThat(context.getBeanNamesForType(BreakGlassTokenStore.class)).isEmpty();
			assertThat(context.getBeanNamesForType(AuthorizationCodeStore.class)).isEmpty();
			assertThat(context.getBeanNamesForType(MetadataCache.class)).isEmpty();
			assertThat(context.getBeanNamesForType(OneTimeTokenStore.class)).isEmpty();
			assertThat(context.getBeanNamesForType(OtpSender.class)).isEmpty();
			assertThat(context.getBeanNamesForType(BreakGlassProperties.class)).isEmpty();
		});
	}

	@Test
	void propertiesConfigureTheStoresAndTheService() {
		this.contextRunner
			.withPropertyValues("break-glass.otp.length=8", "break-glass.otp.ttl=2m",
					"break-glass.session-token.ttl=5m")
			.withUserConfiguration(ClockConfiguration.class, RecordingSenderConfiguration.class)
			.run((context) -> {
				MutableClock clock = context.getBean(MutableClock.class);
				StoreTestSupport.RecordingSender sender = context.getBean(StoreTestSupport.RecordingSender.class);
				BreakGlassService service = context.getBean(BreakGlassService.class);
				assertThat(service.requestOtp(REQUEST)).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
				assertThat(sender.otp).matches("[0-9]{8}");
				String token = service.open(sender.otp).token();
				clock.advance(Duration.ofMinutes(5));
				assertThat(service.authenticate(token)).isEmpty();
				service.requestOtp(REQUEST);
				clock.advance(Duration.ofMinutes(2));
				assertThat(context.getBean(OtpStore.class).verify(sender.otp).verification())
					.isEqualTo(OtpVerification.EXPIRED);
			});
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void userDefinedStoreReplacesTheStartersOwn(BreakGlassStore store) {
		Object custom = StoreTestSupport.stubStore(store);
		this.contextRunner.withBean("custom", (Class<Object>) store.type(), () -> custom).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(store.type())).isSameAs(custom);
			assertThat(context.getBeanNamesForType(store.type())).containsExactly("custom");
		});
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void userDefinedStoreIsUsedEvenWhenItsBackendIsUnavailable(BreakGlassStore store) {
		Object custom = StoreTestSupport.stubStore(store);
		ApplicationContextRunner runner = this.contextRunner
			.withPropertyValues(store.property() + "=redis", "break-glass.otp.log-otp=true")
			.withBean("custom", (Class<Object>) store.type(), () -> custom);
		for (BreakGlassStore other : BreakGlassStore.values()) {
			// the stores the same property moves to the unavailable backend
			if (other != store && other.property().equals(store.property())) {
				runner = runner.withBean(other.key(), (Class<Object>) other.type(),
						() -> StoreTestSupport.stubStore(other));
			}
		}
		runner.run((context) -> assertThat(context.getBean(store.type())).isSameAs(custom));
	}

	@Test
	void userDefinedOtpStoreOnAnUnavailableBackendStillNeedsItsAttemptCounters() {
		this.contextRunner.withPropertyValues("break-glass.otp.store=redis", "break-glass.otp.log-otp=true")
			.withBean(OtpStore.class, () -> (OtpStore) StoreTestSupport.stubStore(BreakGlassStore.OTP))
			.run((context) -> {
				assertThat(context).hasFailed();
				StoreBackendUnavailableException ex = StoreTestSupport.unavailableCause(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("break-glass.otp.store");
				assertThat(ex).hasMessage(
						"break-glass.otp.store is 'redis', but no redis AttemptCounterStore could be configured");
			});
	}

	@Test
	void userDefinedServiceSenderAndClockReplaceTheStartersOwn() {
		this.contextRunner.withUserConfiguration(ClockConfiguration.class, RecordingSenderConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(OtpSender.class).hasSingleBean(Clock.class);
				assertThat(context.getBean(OtpSender.class)).isInstanceOf(StoreTestSupport.RecordingSender.class);
				assertThat(context.getBean(Clock.class)).isInstanceOf(MutableClock.class);
			});
		BreakGlassService service = new BreakGlassService(
				new InMemoryOtpStore(Clock.systemUTC(), Duration.ofMinutes(1), 6),
				new InMemoryBreakGlassTokenStore(Clock.systemUTC(), Duration.ofMinutes(1)),
				(otp, expiresAt, request) -> {
				}, (event) -> {
				}, Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofMinutes(1));
		this.contextRunner.withBean(BreakGlassService.class, () -> service)
			.run((context) -> assertThat(context.getBean(BreakGlassService.class)).isSameAs(service));
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void perStoreSettingOverridesTheGlobalOne(BreakGlassStore store) {
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues("break-glass.store=redis",
				store.property() + "=memory", "break-glass.otp.log-otp=true");
		for (BreakGlassStore other : BreakGlassStore.values()) {
			if (other != store) {
				runner = runner.withBean(other.key(), (Class<Object>) other.type(),
						() -> StoreTestSupport.stubStore(other));
			}
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(store.type()).getClass().getPackageName())
				.isEqualTo("dev.breakglass.store.memory");
		});
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void storeSetToAnUnavailableBackendStopsStartUpNamingItsProperty(BreakGlassStore store) {
		this.contextRunner.withPropertyValues(store.property() + "=jpa").run((context) -> {
			assertThat(context).hasFailed();
			StoreBackendUnavailableException ex = StoreTestSupport.unavailableCause(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo(store.property());
			assertThat(ex).hasMessageStartingWith(store.property() + " is 'jpa', but no jpa");
		});
	}

	@Test
	void globalStoreSetToAnUnavailableBackendStopsStartUpNamingTheGlobalProperty() {
		this.contextRunner.withPropertyValues("break-glass.store=redis").run((context) -> {
			assertThat(context).hasFailed();
			StoreBackendUnavailableException ex = StoreTestSupport.unavailableCause(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo("break-glass.store");
			assertThat(ex).hasMessageContaining("break-glass.store is 'redis'");
		});
	}

	@Test
	void failureAnalysisSaysWhatToAdd() {
		this.contextRunner.withPropertyValues("break-glass.otp.store=jpa").run((context) -> {
			FailureAnalysis analysis = new StoreBackendUnavailableFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("break-glass.otp.store is 'jpa', but no jpa OtpStore");
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-jpa")
				.contains("spring.datasource.url")
				.contains("Or set break-glass.otp.store to another backend");
		});
		this.contextRunner.withPropertyValues("break-glass.store=redis").run((context) -> {
			FailureAnalysis analysis = new StoreBackendUnavailableFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
		});
	}

	@Test
	void failureAnalyzerIsRegistered() throws IOException {
		try (InputStream factories = getClass().getResourceAsStream("/META-INF/spring.factories")) {
			assertThat(new String(factories.readAllBytes(), StandardCharsets.UTF_8)).contains(
					StoreBackendUnavailableFailureAnalyzer.class.getName(),
					MissingSecretFailureAnalyzer.class.getName(),
					LoggingOtpSenderNotAllowedFailureAnalyzer.class.getName(),
					AuditTrailRequiredFailureAnalyzer.class.getName(),
					RedisClientResendsFailureAnalyzer.class.getName());
		}
	}

	@Test
	void anIdleTimeoutEndsASessionLeftUnusedAndEveryAuthenticationStartsItAgain() {
		this.contextRunner
			.withPropertyValues("break-glass.session-token.ttl=1h", "break-glass.session-token.idle-timeout=10m")
			.withUserConfiguration(ClockConfiguration.class, RecordingSenderConfiguration.class)
			.run((context) -> {
				MutableClock clock = context.getBean(MutableClock.class);
				BreakGlassService service = context.getBean(BreakGlassService.class);
				service.requestOtp(REQUEST);
				String token = service.open(context.getBean(StoreTestSupport.RecordingSender.class).otp).token();
				clock.advance(Duration.ofMinutes(9));
				assertThat(service.authenticate(token)).isPresent();
				clock.advance(Duration.ofMinutes(9));
				assertThat(service.authenticate(token)).isPresent();
				clock.advance(Duration.ofMinutes(10));
				assertThat(service.authenticate(token)).as("unused for ten minutes").isEmpty();
			});
	}

	@Test
	void invalidValuesStopStartUpWithTheReason() {
		this.contextRunner.withPropertyValues("break-glass.otp.length=4")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("length must be from 6 to 10"));
		this.contextRunner.withPropertyValues("break-glass.session-token.ttl=0s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("ttl must be positive"));
		this.contextRunner.withPropertyValues("break-glass.session-token.idle-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("break-glass.session-token.idle-timeout must be positive"));
		this.contextRunner.withPropertyValues("break-glass.otp.ttl=367d")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("ttl must be positive and at most"));
		this.contextRunner.withPropertyValues("break-glass.jpa.sweep-cron=every 5 minutes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("break-glass.jpa.sweep-cron must be a cron expression of six fields"));
		this.contextRunner.withPropertyValues("break-glass.metadata-cache.sweep-interval=5m")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"break-glass.metadata-cache.sweep-interval is replaced by " + "break-glass.jpa.sweep-cron"));
		this.contextRunner.withPropertyValues("break-glass.store=mongo")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("break-glass.store"));
	}

	@Test
	void aBackendAutoConfigurationDefinesTheClockItInjectsWithoutTheServiceAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Clock.class)
				.hasSingleBean(OtpStore.class));
	}

	@Test
	void startUpLogsTheBackendOfEveryStoreInOneInfoLine(CapturedOutput output) {
		this.contextRunner
			.withBean("custom", MetadataCache.class,
					() -> (MetadataCache) StoreTestSupport.stubStore(BreakGlassStore.METADATA_CACHE))
			.run((context) -> assertThat(output).containsOnlyOnce("Break-glass stores:")
				.containsPattern("INFO .*Break-glass stores: session-token=memory, otp=memory, "
						+ "attempt-counter=memory, authorization-code=memory, metadata-cache=custom \\(.+\\), one-time-token=memory")
				.contains("WARN")
				.contains("memory stores keep their secrets in this JVM only"));
	}

	@Test
	void configurationMetadataDescribesEveryProperty() throws IOException {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
			for (String property : new String[] { "break-glass.enabled", "break-glass.store", "break-glass.secret",
					"break-glass.session-token.store", "break-glass.session-token.ttl",
					"break-glass.session-token.idle-timeout", "break-glass.otp.store", "break-glass.otp.ttl",
					"break-glass.otp.length", "break-glass.authorization-code.store",
					"break-glass.metadata-cache.store", "break-glass.metadata-cache.sweep-interval",
					"break-glass.one-time-token.store", "break-glass.jpa.migrate", "break-glass.jpa.async-issue",
					"break-glass.jpa.sweep-cron", "break-glass.redis.key-prefix", "break-glass.redis.wait-for-replicas",
					"break-glass.redis.wait-timeout", "break-glass.approval.required", "break-glass.approval.timeout",
					"break-glass.justification.pattern", "break-glass.audit.trail", "break-glass.audit.store",
					"break-glass.security.drill-authority" }) {
				assertThat(json).contains("\"name\": \"" + property + "\"");
			}
			// the one definition of the default authority is the provider's constant
			assertThat(json).containsPattern("\"name\": \"break-glass.security.authority\",[^}]*\"defaultValue\": \""
					+ BreakGlassAuthenticationProvider.DEFAULT_AUTHORITY + "\"");
			assertThat(json)
				.containsPattern("\"name\": \"break-glass.security.drill-authority\",[^}]*\"defaultValue\": \""
						+ BreakGlassAuthenticationProvider.DEFAULT_DRILL_AUTHORITY + "\"");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		MutableClock testClock() {
			return new MutableClock();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingSenderConfiguration {

		@Bean
		StoreTestSupport.RecordingSender recordingSender() {
			return new StoreTestSupport.RecordingSender();
		}

	}

}
