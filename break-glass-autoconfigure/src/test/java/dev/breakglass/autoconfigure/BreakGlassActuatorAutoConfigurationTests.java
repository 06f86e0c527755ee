package dev.breakglass.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.breakglass.actuate.BreakGlassAuditEvents;
import dev.breakglass.actuate.BreakGlassAuditTrail;
import dev.breakglass.actuate.BreakGlassEndpoint;
import dev.breakglass.actuate.BreakGlassHealthIndicator;
import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.test.Requests;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.breakglass.test.Requests.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Actuator auto-configurations: the {@code breakglass} endpoint when available, the
 * {@code breakGlass} health contributor, and audit events when the application has an
 * {@link AuditEventRepository}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakGlassActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class,
						BreakGlassEndpointAutoConfiguration.class, BreakGlassHealthContributorAutoConfiguration.class,
						BreakGlassAuditAutoConfiguration.class, AuditAutoConfiguration.class))
		.withUserConfiguration(BreakGlassAutoConfigurationTests.RecordingSenderConfiguration.class);

	@Test
	void endpointWhenExposedThenDefined() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakglass").run((context) -> {
			assertThat(context).hasSingleBean(BreakGlassEndpoint.class);
			assertThat(context.getBean(BreakGlassEndpoint.class).breakGlass().stores()).containsEntry("otp", "memory");
		});
	}

	@Test
	void secretIsNeverShownByEnvOrConfigpropsEvenWithShowValuesAlways() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(EnvironmentEndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("break-glass.secret=" + TestSecrets.SECRET, "BREAK_GLASS_SECRET=" + TestSecrets.SECRET,
					"management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always")
			.run((context) -> {
				JsonMapper json = JsonMapper.builder().build();
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				String all = json.writeValueAsString(env.environment(null));
				String entry = json.writeValueAsString(env.environmentEntry("break-glass.secret"));
				String configprops = json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				// shown values elsewhere prove show-values=always took effect
				assertThat(all).contains("management.endpoint.env.show-values").contains("always");
				assertThat(configprops).contains("ROLE_BREAK_GLASS");
				assertThat(all + entry + configprops).doesNotContain(TestSecrets.SECRET).contains("******");
			});
	}

	@Test
	void endpointWhenNotExposedThenNotDefined() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassEndpoint.class));
	}

	@Test
	void endpointWhenAccessIsNoneThenNotDefined() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=breakglass",
					"management.endpoint.breakglass.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassEndpoint.class));
	}

	@Test
	void aRequiredAuditTrailStartsWhenTheTrailIsThere() {
		this.contextRunner.withPropertyValues("break-glass.audit.required=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(BreakGlassAuditTrail.class)
				.satisfies((trail) -> assertThat(trail.isRequired()).isTrue()));
	}

	@Test
	void aRequiredAuditTrailWithoutTheTrailStopsStartUpSayingWhatIsMissing() {
		this.contextRunner.withPropertyValues("break-glass.audit.required=true", "break-glass.audit.trail=false")
			.run((context) -> {
				FailureAnalysis analysis = new AuditTrailRequiredFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).as("analysis").isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("break-glass.audit.required is true, but no audit "
						+ "trail records the sessions: break-glass.audit.trail is false.");
				assertThat(analysis.getAction()).contains("break-glass.audit.trail=true")
					.contains("break-glass.audit.required=false");
			});
	}

	@Test
	void theTrailIsWrittenAndCanBeRequiredWithoutActuator() {
		this.contextRunner.withPropertyValues("break-glass.audit.required=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(BreakGlassEndpoint.class);
				assertThat(context.getBean(BreakGlassAuditTrail.class).isRequired()).isTrue();
				BreakGlassService service = context.getBean(BreakGlassService.class);
				service.requestOtp(Requests.REQUEST);
				service.open(context.getBean(StoreTestSupport.RecordingSender.class).otp);
				assertThat(context.getBean(AuditTrailStore.class).latest(1)).singleElement()
					.satisfies((record) -> assertThat(record.entry().type())
						.isEqualTo(BreakGlassAuditEvents.SESSION_OPENED));
			});
	}

	@Test
	void endpointWhenActuatorIsAbsentThenNotDefined() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakglass")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BreakGlassEndpoint.class));
	}

	@Test
	void endpointWhenTheApplicationDefinesOneThenItIsUsed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakglass")
			.withBean("mine", BreakGlassEndpoint.class,
					() -> new BreakGlassEndpoint(null, null, Map.of(), Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(BreakGlassEndpoint.class).hasBean("mine"));
	}

	@Test
	void healthContributorIsNamedBreakGlassAndUp() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(BreakGlassHealthIndicator.class);
				HealthIndicator contributor = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
					.getContributor("breakGlass");
				assertThat(contributor).isNotNull();
				assertThat(contributor.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void healthContributorWhenDisabledThenNotDefined() {
		this.contextRunner.withPropertyValues("management.health.breakglass.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassHealthIndicator.class));
	}

	@Test
	void healthContributorWhenHealthIsAbsentThenNotDefined() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BreakGlassHealthIndicator.class));
	}

	@Test
	void healthContributorWhenTheApplicationDefinesOneThenItIsUsed() {
		HealthIndicator mine = () -> Health.up().build();
		this.contextRunner.withBean("breakGlassHealthIndicator", HealthIndicator.class, () -> mine)
			.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassHealthIndicator.class)
				.getBean("breakGlassHealthIndicator")
				.isSameAs(mine));
	}

	@Test
	void auditEventsWhenARepositoryIsPresentThenEveryStepIsAuditedWithoutASecret(CapturedOutput output) {
		List<String> secrets = new ArrayList<>();
		this.contextRunner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new).run((context) -> {
			assertThat(context).hasSingleBean(BreakGlassAuditEvents.class);
			BreakGlassService service = context.getBean(BreakGlassService.class);
			service.requestOtp(REQUEST);
			String otp = context.getBean(StoreTestSupport.RecordingSender.class).otp;
			BreakGlassSession session = service.open(otp);
			service.requestOtp(new BreakGlassRequest("bob@example.com", "INC-4712: queue stuck"));
			service.open(context.getBean(StoreTestSupport.RecordingSender.class).otp);
			assertThat(service.close(session.token())).isFalse();
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> service.open(otp));
			List<AuditEvent> events = context.getBean(AuditEventRepository.class).find(null, null, null);
			assertThat(events).extracting(AuditEvent::getType)
				.containsExactly(BreakGlassAuditEvents.OTP_REQUESTED, BreakGlassAuditEvents.SESSION_OPENED,
						BreakGlassAuditEvents.OTP_REQUESTED, BreakGlassAuditEvents.SESSION_REPLACED,
						BreakGlassAuditEvents.SESSION_OPENED, BreakGlassAuditEvents.OTP_REJECTED);
			assertThat(events).extracting(AuditEvent::getPrincipal)
				.containsExactly(REQUEST.requester(), REQUEST.requester(), "bob@example.com", REQUEST.requester(),
						"bob@example.com", BreakGlassAuditEvents.UNKNOWN_PRINCIPAL);
			assertThat(events.get(1).getData()).containsEntry("reason", REQUEST.reason()).containsKey("expiresAt");
			assertThat(events.get(5).getData()).containsEntry("verification", "NO_PENDING_OTP");
			secrets.add(otp);
			secrets.add(session.token());
			for (AuditEvent event : events) {
				assertThat(event.toString() + event.getData()).doesNotContain(otp).doesNotContain(session.token());
			}
		});
		assertThat(secrets).hasSize(2).allSatisfy((secret) -> assertThat(output.getAll()).doesNotContain(secret));
	}

	@Test
	void auditEventsWhenNoRepositoryThenNotDefined() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassAuditEvents.class));
	}

	@Test
	void auditEventsWhenActuatorIsAbsentThenNotDefined() {
		this.contextRunner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
			.withClassLoader(new FilteredClassLoader(AuditApplicationEvent.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BreakGlassAuditEvents.class));
	}

	@Test
	void auditEventsWhenTheApplicationDefinesThemThenTheyAreUsed() {
		this.contextRunner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
			.withBean("mine", BreakGlassAuditEvents.class, () -> new BreakGlassAuditEvents((event) -> {
			}))
			.run((context) -> assertThat(context).hasSingleBean(BreakGlassAuditEvents.class).hasBean("mine"));
	}

	@Test
	void nothingWhenBreakGlassIsDisabled() {
		this.contextRunner
			.withPropertyValues("break-glass.enabled=false", "management.endpoints.web.exposure.include=breakglass")
			.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
			.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassEndpoint.class)
				.doesNotHaveBean(BreakGlassHealthIndicator.class)
				.doesNotHaveBean(BreakGlassAuditEvents.class)
				.doesNotHaveBean(OtpStore.class));
	}

}
