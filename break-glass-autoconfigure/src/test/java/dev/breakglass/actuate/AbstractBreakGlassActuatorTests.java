package dev.breakglass.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.breakglass.actuate.BreakGlassEndpoint.BreakGlassDescriptor;
import dev.breakglass.actuate.BreakGlassEndpoint.SessionDescriptor;
import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the {@code breakglass} endpoint and the {@code breakGlass} health contributor show
 * on a backend. Each backend extends this class.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class AbstractBreakGlassActuatorTests {

	private static final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	/**
	 * A context whose stores all use the backend under test, with nothing pending.
	 * @return the context
	 */
	protected abstract ApplicationContext context();

	/**
	 * The backend under test.
	 * @return its name, as the endpoint shows it
	 */
	protected abstract String backend();

	/**
	 * Start another node on the backend under test, sharing its state.
	 * @param properties properties of this node
	 * @return the node, closed by the test class
	 */
	protected abstract ConfigurableApplicationContext startNode(String... properties);

	/**
	 * Make the node's audit trail fail every append, as its server would.
	 * @param node the node
	 */
	protected abstract void breakTheAuditTrail(ConfigurableApplicationContext node);

	/**
	 * Undo {@link #breakTheAuditTrail}.
	 * @param node the node
	 */
	protected abstract void repairTheAuditTrail(ConfigurableApplicationContext node);

	/**
	 * The endpoint, wired as the auto-configuration wires it.
	 * @param context the context
	 * @return the endpoint
	 */
	protected static BreakGlassEndpoint endpoint(ApplicationContext context) {
		return new BreakGlassEndpoint(context.getBean(BreakGlassService.class), context.getBean(OtpStore.class),
				BreakGlassStore.find(context), context.getBean(Clock.class));
	}

	/**
	 * The health contributor, wired as the auto-configuration wires it.
	 * @param context the context
	 * @return the health
	 */
	protected static Health health(ApplicationContext context) {
		return new BreakGlassHealthIndicator(BreakGlassStore.find(context)).health();
	}

	@BeforeEach
	void nothingOpenOrPending() {
		context().getBean(BreakGlassTokenStore.class).clear();
		context().getBean(OtpStore.class).clear();
		context().getBean(AttemptCounterStore.class).reset("failed-opens");
		context().getBean(AttemptCounterStore.class).reset("otp-requests");
	}

	@Test
	void endpointWhenNothingIsOpenOrPendingSaysSoAndNamesEveryBackend() {
		BreakGlassDescriptor descriptor = endpoint(context()).breakGlass();
		assertThat(descriptor.session().open()).isFalse();
		assertThat(descriptor.otp().pending()).isFalse();
		assertThat(descriptor.lockouts()).isEmpty();
		assertThat(descriptor.unavailable()).isEmpty();
		assertThat(descriptor.stores()).containsOnlyKeys("session-token", "otp", "attempt-counter",
				"authorization-code", "metadata-cache", "one-time-token", "audit-trail");
		assertThat(descriptor.stores()).allSatisfy((store, backend) -> assertThat(backend).isEqualTo(backend()));
	}

	@Test
	void endpointShowsThePendingOtpThenTheOpenSessionAndNeverASecret(CapturedOutput output) {
		ApplicationContext context = context();
		BreakGlassEndpoint endpoint = endpoint(context);
		String code = context.getBean(OtpStore.class).generate(ATTRIBUTION);
		BreakGlassDescriptor pending = endpoint.breakGlass();
		assertThat(pending.otp().pending()).isTrue();
		assertThat(pending.otp().requester()).isEqualTo(ATTRIBUTION.requester());
		assertThat(pending.otp().reason()).isEqualTo(ATTRIBUTION.reason());
		assertThat(pending.otp().expiresAt()).isAfter(context.getBean(Clock.class).instant())
			.isBefore(context.getBean(Clock.class).instant().plus(Duration.ofMinutes(11)));
		assertThat(pending.session().open()).isFalse();
		BreakGlassSession session = context.getBean(BreakGlassService.class).open(code);
		BreakGlassDescriptor open = endpoint.breakGlass();
		assertThat(open.otp().pending()).isFalse();
		assertThat(open.session().open()).isTrue();
		assertThat(open.session().requester()).isEqualTo(ATTRIBUTION.requester());
		assertThat(open.session().reason()).isEqualTo(ATTRIBUTION.reason());
		assertThat(open.session().expiresAt()).isEqualTo(open.session().issuedAt().plus(Duration.ofHours(1)));
		assertThat(context.getBean(BreakGlassService.class).authenticate(session.token())).as("still open").isPresent();
		for (BreakGlassDescriptor descriptor : new BreakGlassDescriptor[] { pending, open }) {
			String shown = json.writeValueAsString(descriptor);
			assertThat(shown).contains(ATTRIBUTION.requester())
				.doesNotContain(code)
				.doesNotContain(session.token())
				.doesNotContain(Secrets.sha256(session.token()))
				.doesNotContain(Secrets.sha256(code));
		}
		assertThat(output).doesNotContain(session.token()).doesNotContain(code);
	}

	@Test
	void endpointShowsALockoutAfterTheFailedOpensUntilItEnds() {
		BreakGlassService service = context().getBean(BreakGlassService.class);
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> service.open("123456"));
		}
		Instant now = context().getBean(Clock.class).instant();
		BreakGlassDescriptor descriptor = endpoint(context()).breakGlass();
		assertThat(descriptor.lockouts()).singleElement().satisfies((lockout) -> {
			assertThat(lockout.limit()).isEqualTo(BreakGlassLimit.FAILED_OPENS);
			assertThat(lockout.until()).isAfter(now).isBefore(now.plus(Duration.ofMinutes(16)));
		});
		context().getBean(AttemptCounterStore.class).reset("failed-opens");
		assertThat(endpoint(context()).breakGlass().lockouts()).isEmpty();
	}

	@Test
	void healthIsUpWithEveryStoreAndItsBackend() {
		Health health = health(context());
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).hasSize(7);
		assertThat(health.getDetails()).allSatisfy(
				(store, details) -> assertThat(details).isEqualTo(Map.of("backend", backend(), "status", "UP")));
	}

	/**
	 * Assert that a context's stores cannot be reached, as the health and endpoint say.
	 * @param context a context whose backend cannot be reached
	 */
	protected void assertDown(ApplicationContext context) {
		Health health = health(context);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).isNotEmpty();
		assertThat(health.getDetails())
			.allSatisfy((store, details) -> assertThat(details).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("backend", backend())
				.containsEntry("status", "DOWN")
				.containsKey("error"));
		BreakGlassDescriptor descriptor = endpoint(context).breakGlass();
		assertThat(descriptor.session()).isNull();
		assertThat(descriptor.otp()).isNull();
		assertThat(descriptor.lockouts()).isNull();
		assertThat(descriptor.unavailable()).containsOnlyKeys("session", "otp", "lockouts");
	}

	@Test
	void deleteEndsTheOpenSessionWithoutItsTokenAndAuditsIt(CapturedOutput output) {
		ApplicationContext context = context();
		BreakGlassService service = context.getBean(BreakGlassService.class);
		BreakGlassSession session = service.open(context.getBean(OtpStore.class).generate(ATTRIBUTION));
		BreakGlassEndpoint endpoint = endpoint(context);
		SessionDescriptor ended = endpoint.endSession();
		assertThat(ended.open()).isTrue();
		assertThat(ended.requester()).isEqualTo(ATTRIBUTION.requester());
		assertThat(ended.reason()).isEqualTo(ATTRIBUTION.reason());
		assertThat(service.authenticate(session.token())).isEmpty();
		assertThat(endpoint.breakGlass().session().open()).isFalse();
		assertThat(endpoint.endSession()).as("nothing left to end").isEqualTo(SessionDescriptor.CLOSED);
		assertThat(output).containsOnlyOnce("event=session-ended").doesNotContain(session.token());
	}

	@Test
	void everyStepOfTheFlowIsAppendedToTheAuditTrailWhoseChainVerifies() {
		ApplicationContext context = context();
		AuditTrailStore trail = context.getBean(AuditTrailStore.class);
		long before = trail.verify().records();
		BreakGlassService service = context.getBean(BreakGlassService.class);
		BreakGlassSession session = service.open(context.getBean(OtpStore.class).generate(ATTRIBUTION));
		service.close(session.token());
		assertThat(trail.latest(2)).satisfiesExactly((opened) -> {
			assertThat(opened.entry().type()).isEqualTo(BreakGlassAuditEvents.SESSION_OPENED);
			assertThat(opened.entry().requester()).isEqualTo(ATTRIBUTION.requester());
			assertThat(opened.entry().reason()).isEqualTo(ATTRIBUTION.reason());
			assertThat(opened.entry().details()).containsOnlyKeys("expiresAt");
		}, (closed) -> assertThat(closed.entry().type()).isEqualTo(BreakGlassAuditEvents.SESSION_CLOSED));
		assertThat(trail.latest(2))
			.allSatisfy((record) -> assertThat(AuditChain.encode(record)).doesNotContain(session.token())
				.doesNotContain(Secrets.sha256(session.token())));
		AuditChainVerification verification = new BreakGlassAuditTrailEndpoint(trail).verify();
		assertThat(verification.intact()).isTrue();
		assertThat(verification.records()).isEqualTo(before + 2);
		assertThat(verification.headHash()).isEqualTo(trail.latest(1).get(0).hash());
	}

	@Test
	void withTheTrailRequiredASessionWhoseRecordCannotBeWrittenDoesNotOpenAndItsTokenIsWithdrawn() {
		ConfigurableApplicationContext node = startNode("break-glass.audit.required=true");
		BreakGlassService service = node.getBean(BreakGlassService.class);
		OtpStore otps = node.getBean(OtpStore.class);
		String otp = otps.generate(ATTRIBUTION);
		breakTheAuditTrail(node);
		try {
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> service.open(otp))
				.withMessageContaining("with break-glass.audit.required the session is not opened")
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(otp));
			assertThat(node.getBean(BreakGlassTokenStore.class).active()).as("the token was withdrawn").isEmpty();
		}
		finally {
			repairTheAuditTrail(node);
		}
		assertThatExceptionOfType(BreakGlassDeniedException.class).as("the OTP stays spent")
			.isThrownBy(() -> service.open(otp));
		BreakGlassSession session = service.open(otps.generate(ATTRIBUTION));
		assertThat(service.authenticate(session.token())).isPresent();
		assertThat(node.getBean(AuditTrailStore.class).latest(1)).singleElement()
			.satisfies((record) -> assertThat(record.entry().type()).isEqualTo(BreakGlassAuditEvents.SESSION_OPENED));
		service.close(session.token());
	}

	@Test
	void withTheTrailNotRequiredASessionWhoseRecordCannotBeWrittenOpensAndTheFailureIsLogged(CapturedOutput output) {
		ConfigurableApplicationContext node = startNode();
		BreakGlassService service = node.getBean(BreakGlassService.class);
		String otp = node.getBean(OtpStore.class).generate(ATTRIBUTION);
		breakTheAuditTrail(node);
		BreakGlassSession session;
		try {
			session = service.open(otp);
		}
		finally {
			repairTheAuditTrail(node);
		}
		assertThat(service.authenticate(session.token())).isPresent();
		assertThat(output).contains("break-glass could not append " + BreakGlassAuditEvents.SESSION_OPENED)
			.doesNotContain(otp)
			.doesNotContain(session.token());
		service.close(session.token());
	}

}
