package dev.breakglass.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.service.BreakGlassApprovalSender;
import dev.breakglass.service.BreakGlassAuditLog;
import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassThrottledException;
import dev.breakglass.service.JustificationRejectedException;
import dev.breakglass.service.LoggingApprovalSender;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.test.MutableClock;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Auto-configuration of the flow's limits and audit log.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakGlassFlowAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withBean(StoreTestSupport.RecordingSender.class, StoreTestSupport.RecordingSender::new);

	@Test
	void limitsAreOnByDefaultOnTheOtpStoresBackend() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryAttemptCounterStore.class)
				.hasSingleBean(BreakGlassAuditLog.class);
			BreakGlassService service = context.getBean(BreakGlassService.class);
			BreakGlassRequest alice = new BreakGlassRequest("alice", "INC-1");
			for (int i = 0; i < 3; i++) {
				service.requestOtp(alice);
			}
			assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> service.requestOtp(alice))
				.satisfies((ex) -> {
					assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS_PER_REQUESTER);
					assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
				});
		});
	}

	@Test
	void limitsAreConfigurable() {
		this.contextRunner
			.withPropertyValues("break-glass.limits.requests-per-requester=1", "break-glass.limits.requests=2",
					"break-glass.limits.window=1h", "break-glass.limits.failed-opens=1",
					"break-glass.limits.lockout=2h")
			.run((context) -> {
				BreakGlassService service = context.getBean(BreakGlassService.class);
				service.requestOtp(new BreakGlassRequest("alice", "INC-1"));
				assertThatExceptionOfType(BreakGlassThrottledException.class)
					.isThrownBy(() -> service.requestOtp(new BreakGlassRequest("alice", "INC-1")))
					.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThan(Duration.ofMinutes(59)));
				service.requestOtp(new BreakGlassRequest("bob", "INC-1"));
				assertThatExceptionOfType(BreakGlassThrottledException.class)
					.isThrownBy(() -> service.requestOtp(new BreakGlassRequest("carol", "INC-1")))
					.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS));
				assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> service.open("000000x"));
				assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> service.open("123456"))
					.satisfies((ex) -> {
						assertThat(ex.limit()).isEqualTo(BreakGlassLimit.FAILED_OPENS);
						assertThat(ex.retryAfter()).isGreaterThan(Duration.ofMinutes(119));
					});
			});
	}

	@Test
	void aJustificationPatternRefusesAReasonWithoutAMatchNamingThePattern() {
		this.contextRunner.withPropertyValues("break-glass.justification.pattern=\\b(INC|CHG)-\\d+\\b")
			.run((context) -> {
				BreakGlassService service = context.getBean(BreakGlassService.class);
				assertThatExceptionOfType(JustificationRejectedException.class)
					.isThrownBy(() -> service.requestOtp(new BreakGlassRequest("alice", "the database is down")))
					.withMessage("reason must contain a match of the pattern \\b(INC|CHG)-\\d+\\b");
				assertThat(service.requestOtp(new BreakGlassRequest("alice", "INC-42: the database is down")))
					.isAfter(Instant.now());
			});
	}

	@Test
	void requiredApprovalSendsTheApprovalTokenInsteadOfTheOtp(CapturedOutput output) {
		this.contextRunner.withPropertyValues("break-glass.approval.required=true", "break-glass.approval.timeout=5m")
			.run((context) -> {
				assertThat(context).hasSingleBean(LoggingApprovalSender.class);
				Instant expiresAt = context.getBean(BreakGlassService.class)
					.requestOtp(new BreakGlassRequest("alice", "INC-1"));
				assertThat(expiresAt).isBefore(Instant.now().plusSeconds(301));
				assertThat(context.getBean(StoreTestSupport.RecordingSender.class).otp).as("no OTP yet").isNull();
				assertThat(output).contains("Break-glass approval token ").contains("for 'alice' because 'INC-1'");
			});
	}

	@Test
	void anApplicationsApprovalSenderReplacesTheLoggingOne() {
		this.contextRunner.withPropertyValues("break-glass.approval.required=true")
			.withBean(BreakGlassApprovalSender.class, () -> (token, expiresAt, request) -> {
			})
			.run((context) -> assertThat(context).doesNotHaveBean(LoggingApprovalSender.class)
				.hasSingleBean(BreakGlassApprovalSender.class));
	}

	@Test
	void withoutRequiredApprovalThereIsNoApprovalSender() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassApprovalSender.class));
	}

	@Test
	void anInvalidJustificationPatternStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("break-glass.justification.pattern=INC-(")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("break-glass.justification.pattern")
				.hasMessageContaining("It must be a java.util.regex pattern: Unclosed group"));
	}

	@Test
	void fewerRequestsOverallThanPerRequesterStopsStartUpNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("break-glass.limits.requests-per-requester=5", "break-glass.limits.requests=4")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("break-glass.limits.requests")
				.hasMessageContaining("at least break-glass.limits.requests-per-requester (5)"));
	}

	@Test
	void invalidLimitsStopStartUp() {
		this.contextRunner.withPropertyValues("break-glass.limits.failed-opens=0")
			.run((context) -> assertThat(context).hasFailed());
		this.contextRunner.withPropertyValues("break-glass.limits.lockout=0s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void anApplicationsAttemptCounterStoreReplacesTheStartersOwn() {
		AttemptCounterStore own = new InMemoryAttemptCounterStore(new MutableClock());
		this.contextRunner.withBean(AttemptCounterStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(AttemptCounterStore.class)).isSameAs(own));
	}

	@Test
	void theAuditLogWritesAWarnLineForEverySessionOpened(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			BreakGlassService service = context.getBean(BreakGlassService.class);
			service.requestOtp(new BreakGlassRequest("alice@example.com", "INC-4711: orders database down"));
			service.open(context.getBean(StoreTestSupport.RecordingSender.class).otp);
			assertThat(output)
				.containsPattern("WARN .*BreakGlassAuditLog.*break-glass event=session-opened principal=- "
						+ "requester=\"alice@example.com\" reason=\"INC-4711: orders database down\" until=");
		});
	}

	@Test
	void theAuditLogCanBeTurnedOffOrReplaced() {
		this.contextRunner.withPropertyValues("break-glass.audit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BreakGlassAuditLog.class));
		BreakGlassAuditLog own = new BreakGlassAuditLog();
		this.contextRunner.withBean(BreakGlassAuditLog.class, () -> own)
			.run((context) -> assertThat(context.getBean(BreakGlassAuditLog.class)).isSameAs(own));
	}

	@Test
	void configurationMetadataDescribesTheLimitsAndTheAuditLog() throws IOException {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
			for (String property : new String[] { "break-glass.limits.requests-per-requester",
					"break-glass.limits.requests", "break-glass.limits.window", "break-glass.limits.failed-opens",
					"break-glass.limits.lockout", "break-glass.audit.enabled" }) {
				assertThat(json).contains("\"name\": \"" + property + "\"");
			}
			assertThat(json).contains("\"type\": \"java.time.Duration\"");
		}
	}

}
