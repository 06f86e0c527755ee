package dev.breakglass.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.test.MutableClock;
import dev.breakglass.test.Race;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static dev.breakglass.test.Requests.REQUEST;

@ExtendWith(OutputCaptureExtension.class)
class BreakGlassServiceTests {

	private static final Duration OTP_TTL = Duration.ofMinutes(10);

	private static final Duration SESSION_TTL = Duration.ofHours(1);

	private final MutableClock clock = new MutableClock();

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final InMemoryOtpStore otpStore = new InMemoryOtpStore(this.clock, OTP_TTL, 6);

	private final InMemoryBreakGlassTokenStore tokenStore = new InMemoryBreakGlassTokenStore(this.clock, SESSION_TTL);

	private final BreakGlassService service = new BreakGlassService(this.otpStore, this.tokenStore,
			(otp, expiresAt, request) -> this.sent.add(otp), this.events::add, this.clock, OTP_TTL, SESSION_TTL);

	@Test
	void requestOtpSendsACodeAndReturnsWhenItExpires() {
		Instant expiresAt = this.service.requestOtp(REQUEST);
		assertThat(expiresAt).isEqualTo(this.clock.instant().plus(OTP_TTL));
		assertThat(this.sent).singleElement().asString().matches("[0-9]{6}");
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(OtpRequestedEvent.class,
					(event) -> assertThat(event.expiresAt()).isEqualTo(expiresAt));
	}

	@Test
	void requestOtpWhoseReasonLacksTheJustificationIsRefusedBeforeAnythingIsCountedOrSent() {
		// one request per requester: had the refused ones counted, the last would be
		// throttled
		BreakGlassLimits limits = new BreakGlassLimits(new InMemoryAttemptCounterStore(this.clock), 1, 10,
				Duration.ofMinutes(15), 5, Duration.ofMinutes(15));
		BreakGlassService service = new BreakGlassService(this.otpStore, this.tokenStore,
				(otp, expiresAt, request) -> this.sent.add(otp), this.events::add, this.clock, OTP_TTL, SESSION_TTL,
				limits, BreakGlassCaller.none(), BreakGlassJustification.matching(Pattern.compile("^INC-\\d+")));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(JustificationRejectedException.class)
				.isThrownBy(() -> service.requestOtp(new BreakGlassRequest("alice", "see INC-1")))
				.satisfies((ex) -> assertThat(ex.pattern()).isEqualTo("^INC-\\d+"))
				.withMessageNotContaining("see INC-1");
		}
		assertThat(this.sent).isEmpty();
		assertThat(this.events).isEmpty();
		service.requestOtp(new BreakGlassRequest("alice", "INC-1 see the runbook"));
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void openWithTheSentOtpOpensASessionThatAuthenticates() {
		this.service.requestOtp(REQUEST);
		BreakGlassSession session = this.service.open(this.sent.get(0));
		assertThat(session.token()).hasSize(43);
		assertThat(session.issuedAt()).isEqualTo(this.clock.instant());
		assertThat(session.expiresAt()).isEqualTo(this.clock.instant().plus(SESSION_TTL));
		assertThat(this.service.authenticate(session.token())).contains(new BreakGlassSession(null, session.issuedAt(),
				session.expiresAt(), REQUEST.requester(), REQUEST.reason()));
		assertThat(this.events).last()
			.isInstanceOfSatisfying(SessionOpenedEvent.class,
					(event) -> assertThat(event.expiresAt()).isEqualTo(session.expiresAt()));
	}

	@Test
	void openSpendsTheOtp() {
		this.service.requestOtp(REQUEST);
		String otp = this.sent.get(0);
		this.service.open(otp);
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(otp))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
	}

	@Test
	void openWithAWrongOtpIsDeniedAsInvalidAndPublishesTheReason() {
		this.service.requestOtp(REQUEST);
		String wrong = this.sent.get(0).equals("000000") ? "000001" : "000000";
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(wrong))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.INVALID))
			.withMessageNotContaining(wrong)
			.withMessageNotContaining(this.sent.get(0));
		assertThat(this.events).last()
			.isInstanceOfSatisfying(OtpRejectedEvent.class,
					(event) -> assertThat(event.verification()).isEqualTo(OtpVerification.INVALID));
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(this.sent.get(0)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
	}

	@Test
	void openWithAnExpiredOtpIsDeniedAsExpired() {
		this.service.requestOtp(REQUEST);
		this.clock.advance(OTP_TTL);
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(this.sent.get(0)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.EXPIRED));
	}

	@Test
	void openWithoutARequestIsDeniedAsNoPendingOtp() {
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("123456"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
	}

	@Test
	void openWhenRacedWithOneOtpOpensExactlyOneSession() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < 50; round++) {
				this.sent.clear();
				this.service.requestOtp(REQUEST);
				String otp = this.sent.get(0);
				List<Object> results = race.run(() -> {
					try {
						return this.service.open(otp);
					}
					catch (BreakGlassDeniedException ex) {
						return ex.reason();
					}
				});
				assertThat(results).as("round %d", round).filteredOn(BreakGlassSession.class::isInstance).hasSize(1);
				assertThat(results).filteredOn(OtpVerification.class::isInstance)
					.containsOnly(OtpVerification.NO_PENDING_OTP)
					.hasSize(Race.THREADS - 1);
			}
		}
	}

	@Test
	void authenticateWhenSessionHasExpiredThenEmpty() {
		BreakGlassSession session = openSession();
		this.clock.advance(SESSION_TTL.minusSeconds(1));
		assertThat(this.service.authenticate(session.token())).isPresent();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.service.authenticate(session.token())).isEmpty();
	}

	@Test
	void authenticateWhenTokenIsMissingOrWrongThenEmpty() {
		openSession();
		assertThat(this.service.authenticate(null)).isEmpty();
		assertThat(this.service.authenticate("")).isEmpty();
		assertThat(this.service.authenticate("not a token")).isEmpty();
	}

	@Test
	void openingASecondSessionEndsTheFirst() {
		BreakGlassSession first = openSession();
		BreakGlassSession second = openSession();
		assertThat(this.service.authenticate(first.token())).isEmpty();
		assertThat(this.service.authenticate(second.token())).isPresent();
	}

	@Test
	void closeEndsTheSessionOnceAndPublishesIt() {
		BreakGlassSession session = openSession();
		assertThat(this.service.close(session.token())).isTrue();
		assertThat(this.events).last().isInstanceOf(SessionClosedEvent.class);
		int published = this.events.size();
		assertThat(this.service.close(session.token())).isFalse();
		assertThat(this.service.close(null)).isFalse();
		assertThat(this.events).hasSize(published);
		assertThat(this.service.authenticate(session.token())).isEmpty();
	}

	@Test
	void whenSendingFailsThenTheOtpIsWithdrawn() {
		List<String> attempted = new ArrayList<>();
		BreakGlassService failing = new BreakGlassService(this.otpStore, this.tokenStore, (otp, expiresAt, request) -> {
			attempted.add(otp);
			throw new IllegalStateException("mail server down");
		}, this.events::add, this.clock, OTP_TTL, SESSION_TTL);
		assertThatIllegalStateException().isThrownBy(() -> failing.requestOtp(REQUEST));
		assertThat(this.otpStore.verify(attempted.get(0)).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		assertThat(this.events).isEmpty();
	}

	@Test
	void noEventSessionOrExceptionShowsASecret() {
		BreakGlassSession session = openSession();
		String otp = this.sent.get(0);
		this.service.close(session.token());
		this.service.requestOtp(REQUEST);
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("999999x"));
		List<String> rendered = new ArrayList<>();
		this.events.forEach((event) -> rendered.add(event.toString()));
		rendered.add(session.toString());
		assertThat(rendered).hasSizeGreaterThan(4)
			.allSatisfy((text) -> assertThat(text).doesNotContain(session.token())
				.doesNotContain(otp)
				.doesNotContain(this.sent.get(1)));
	}

	@Test
	void loggingOtpSenderWritesTheOtpAtWarn(CapturedOutput output) {
		new LoggingOtpSender().send("123456", Instant.parse("2026-01-01T00:10:00Z"), REQUEST);
		assertThat(output).containsPattern("WARN .*Break-glass OTP 123456 \\(valid until 2026-01-01T00:10:00Z\\)");
	}

	@Test
	void theRequesterAndReasonTravelWithTheOtpToTheSessionAndEveryEvent() {
		BreakGlassRequest bob = new BreakGlassRequest("bob", "INC-9: certificate expired");
		List<BreakGlassRequest> sentFor = new CopyOnWriteArrayList<>();
		BreakGlassService service = new BreakGlassService(this.otpStore, this.tokenStore, (otp, expiresAt, request) -> {
			this.sent.add(otp);
			sentFor.add(request);
		}, this.events::add, this.clock, OTP_TTL, SESSION_TTL);
		service.requestOtp(bob);
		assertThat(sentFor).containsExactly(bob);
		BreakGlassSession session = service.open(this.sent.get(0));
		assertThat(session.requester()).isEqualTo("bob");
		assertThat(session.reason()).isEqualTo("INC-9: certificate expired");
		assertThat(service.authenticate(session.token())).map(BreakGlassSession::reason)
			.contains("INC-9: certificate expired");
		service.close(session.token());
		assertThat(this.events).extracting((event) -> ((BreakGlassEvent) event).request())
			.containsExactly(bob, bob, bob);
		assertThat(this.events).extracting(Object::getClass)
			.containsExactly(OtpRequestedEvent.class, SessionOpenedEvent.class, SessionClosedEvent.class);
	}

	@Test
	void aRejectedOtpIsAttributedToWhoeverAskedForIt() {
		this.service.requestOtp(REQUEST);
		String wrong = this.sent.get(0).equals("000000") ? "000001" : "000000";
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(wrong));
		assertThat(this.events).last()
			.isInstanceOfSatisfying(OtpRejectedEvent.class, (event) -> assertThat(event.request()).isEqualTo(REQUEST));
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(wrong));
		assertThat(this.events).last()
			.isInstanceOfSatisfying(OtpRejectedEvent.class, (event) -> assertThat(event.request()).isNull());
	}

	@Test
	void openingASessionWhileAnotherIsLivePublishesThatItReplacedIt() {
		openSession();
		BreakGlassRequest bob = new BreakGlassRequest("bob", "second incident");
		this.sent.clear();
		this.service.requestOtp(bob);
		this.events.clear();
		this.service.open(this.sent.get(0));
		assertThat(this.events).first().isInstanceOfSatisfying(SessionReplacedEvent.class, (event) -> {
			assertThat(event.request()).isEqualTo(REQUEST);
			assertThat(event.replacedBy()).isEqualTo(bob);
		});
		assertThat(this.events).last().isInstanceOf(SessionOpenedEvent.class);
	}

	@Test
	void openingASessionAfterTheLastOneExpiredReplacesNothing() {
		openSession();
		this.clock.advance(SESSION_TTL);
		this.events.clear();
		openSession();
		assertThat(this.events).noneMatch(SessionReplacedEvent.class::isInstance);
	}

	@Test
	void aBadRequestIsRejectedBeforeAnythingIsGeneratedOrSent() {
		String pending = openSessionOtpOnly();
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.requestOtp((BreakGlassRequest) null));
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakGlassRequest("", "why"))
			.withMessageContaining("requester");
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakGlassRequest("alice", "x\nforged line"))
			.withMessageContaining("reason");
		assertThat(this.sent).containsExactly(pending);
		assertThat(this.service.open(pending)).isNotNull();
	}

	@Test
	void whenSendingFailsThenOnlyTheOtpThisCallGeneratedIsWithdrawn() {
		List<String> other = new ArrayList<>();
		BreakGlassService racing = new BreakGlassService(this.otpStore, this.tokenStore, (otp, expiresAt, request) -> {
			// another request generates its OTP while this one is being sent
			other.add(this.otpStore.generate(ATTRIBUTION));
			throw new IllegalStateException("mail server down");
		}, this.events::add, this.clock, OTP_TTL, SESSION_TTL);
		assertThatIllegalStateException().isThrownBy(() -> racing.requestOtp(REQUEST));
		assertThat(this.otpStore.verify(other.get(0)).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void whenSendingAndWithdrawingBothFailThenTheSendingFailureWinsWithTheOtherSuppressed() {
		IllegalStateException sending = new IllegalStateException("mail server down");
		OtpStore failingWithdraw = new DelegatingOtpStore(this.otpStore) {
			@Override
			public boolean withdraw(String owner, String code) {
				throw new StoreUnavailableException("store down", new RuntimeException());
			}
		};
		BreakGlassService failing = new BreakGlassService(failingWithdraw, this.tokenStore,
				(otp, expiresAt, request) -> {
					throw sending;
				}, this.events::add, this.clock, OTP_TTL, SESSION_TTL);
		assertThatIllegalStateException().isThrownBy(() -> failing.requestOtp(REQUEST))
			.isSameAs(sending)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.isInstanceOf(StoreUnavailableException.class));
	}

	private String openSessionOtpOnly() {
		this.sent.clear();
		this.service.requestOtp(REQUEST);
		return this.sent.get(0);
	}

	private BreakGlassSession openSession() {
		this.sent.clear();
		this.service.requestOtp(REQUEST);
		return this.service.open(this.sent.get(0));
	}

}
