package dev.breakglass.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.test.MutableClock;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Who asks is who is signed in, and an attacker with one valid login spends only its own
 * attempts: it can neither name another requester, nor spend, replace or lock out
 * another's OTP, nor use up the requests of everyone.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakGlassPrincipalTests {

	private static final Duration OTP_TTL = Duration.ofMinutes(10);

	private static final Duration LOCKOUT = Duration.ofMinutes(15);

	private final MutableClock clock = new MutableClock();

	private final AtomicReference<String> signedIn = new AtomicReference<>();

	private final Map<String, String> sent = new ConcurrentHashMap<>();

	private final List<BreakGlassEvent> events = new CopyOnWriteArrayList<>();

	private final InMemoryOtpStore otpStore = new InMemoryOtpStore(this.clock, OTP_TTL, 6);

	private final InMemoryAttemptCounterStore counters = new InMemoryAttemptCounterStore(this.clock);

	private final BreakGlassAuditLog auditLog = new BreakGlassAuditLog();

	private final BreakGlassService service = new BreakGlassService(this.otpStore,
			new InMemoryBreakGlassTokenStore(this.clock, Duration.ofHours(1)),
			(otp, expiresAt, request) -> this.sent.put(request.requester(), otp), (event) -> {
				this.events.add((BreakGlassEvent) event);
				this.auditLog.onApplicationEvent((BreakGlassEvent) event);
			}, this.clock, OTP_TTL, Duration.ofHours(1),
			new BreakGlassLimits(this.counters, 3, 10, Duration.ofMinutes(15), 5, LOCKOUT, 12),
			() -> Optional.ofNullable(this.signedIn.get()));

	@Test
	void aRequestNamingSomeoneElseIsRefusedAndRecordsBothNamesWithoutCountingAnything(CapturedOutput output) {
		as("mallory");
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(RequesterMismatchException.class)
				.isThrownBy(() -> this.service.requestOtp(new BreakGlassRequest("alice", "INC-1")))
				.satisfies((ex) -> {
					assertThat(ex.principal()).isEqualTo("mallory");
					assertThat(ex.requester()).isEqualTo("alice");
					assertThat(ex.getMessage()).doesNotContain("alice").doesNotContain("mallory");
				});
		}
		assertThat(this.sent).isEmpty();
		assertThat(this.events).hasSize(5).allSatisfy((event) -> {
			assertThat(event).isInstanceOf(RequesterMismatchEvent.class);
			assertThat(event.principal()).isEqualTo("mallory");
			assertThat(event.requester()).isEqualTo("alice");
		});
		assertThat(output).contains(
				"break-glass event=requester-mismatch principal=\"mallory\" requester=\"alice\" reason=\"INC-1\"");
		as("alice");
		for (int i = 0; i < 3; i++) {
			this.service.requestOtp("INC-1");
		}
		assertThat(this.sent).containsOnlyKeys("alice");
	}

	@Test
	void theRequesterOfASignedInCallIsItsPrincipalInTheSessionAndEveryEvent() {
		as("alice");
		this.service.requestOtp("INC-4711");
		BreakGlassSession session = this.service.open(this.sent.get("alice"));
		assertThat(session.requester()).isEqualTo("alice");
		assertThat(this.events).extracting(BreakGlassEvent::principal).containsOnly("alice");
		assertThat(this.events).extracting(BreakGlassEvent::requester).containsOnly("alice");
	}

	@Test
	void askingAsTheSignedInPrincipalNeedsOne() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.requestOtp("INC-1"));
		assertThat(this.sent).isEmpty();
	}

	@Test
	void anotherPrincipalsOtpOpensNothingForTheAttackerAndStaysPendingForItsOwner() {
		as("alice");
		this.service.requestOtp("INC-1");
		String alices = this.sent.get("alice");
		as("mallory");
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(alices))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
		as(null);
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(alices))
			.satisfies((ex) -> assertThat(ex.reason()).as("nor does a caller with no principal")
				.isEqualTo(OtpVerification.NO_PENDING_OTP));
		as("alice");
		assertThat(this.service.open(alices).requester()).isEqualTo("alice");
	}

	@Test
	void anAttackersRequestsAndWrongGuessesNeitherReplaceNorSpendAnotherPrincipalsOtp() {
		as("alice");
		this.service.requestOtp("INC-1");
		String alices = this.sent.get("alice");
		as("mallory");
		this.service.requestOtp("mine");
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("000000"));
		}
		as("alice");
		assertThat(this.service.open(alices).requester()).isEqualTo("alice");
	}

	@Test
	void anAttackersFailedOpensLockOutOnlyTheAttacker() {
		as("alice");
		this.service.requestOtp("INC-1");
		as("mallory");
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("000000"));
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> this.service.open("000000"))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.FAILED_OPENS));
		assertThat(this.service.lockouts("mallory")).extracting(BreakGlassLockout::limit)
			.containsExactly(BreakGlassLimit.FAILED_OPENS);
		assertThat(this.service.lockouts("alice")).isEmpty();
		assertThat(this.service.lockouts()).as("callers with no principal").isEmpty();
		assertThat(this.events).filteredOn(BreakGlassLockedOutEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(event.principal()).isEqualTo("mallory"));
		as("alice");
		assertThat(this.service.open(this.sent.get("alice")).requester()).isEqualTo("alice");
	}

	@Test
	void signedInRequestsBeyondTheOverallFigureRaiseOneAlertAndRefuseNobody(CapturedOutput output) {
		for (int i = 0; i < 12; i++) {
			as("operator-" + i);
			this.service.requestOtp("INC-1");
		}
		assertThat(this.sent).hasSize(12);
		assertThat(this.events).filteredOn(OtpRequestSurgeEvent.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(OtpRequestSurgeEvent.class, (event) -> {
				assertThat(event.requests()).isEqualTo(10);
				assertThat(event.principal()).isEqualTo("operator-9");
			});
		assertThat(output).contains("break-glass event=request-surge principal=\"operator-9\"");
		assertThat(this.events).noneMatch(BreakGlassThrottledEvent.class::isInstance);
	}

	@Test
	void withNoOneSignedInTheOverallFigureStillRefuses() {
		for (int i = 0; i < 10; i++) {
			this.service.requestOtp(new BreakGlassRequest("operator-" + i, "INC-1"));
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class)
			.isThrownBy(() -> this.service.requestOtp(new BreakGlassRequest("operator-10", "INC-1")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS));
		as("alice");
		this.service.requestOtp("INC-1");
		assertThat(this.sent).containsKey("alice");
	}

	@Test
	void consecutiveFailuresAcrossLockoutsLockThePrincipalUntilAnOperatorUnlocksIt(CapturedOutput output) {
		as("mallory");
		int denied = 0;
		for (int attempt = 0; attempt < 100; attempt++) {
			try {
				this.service.open("000000");
			}
			catch (BreakGlassDeniedException ex) {
				denied++;
			}
			catch (BreakGlassThrottledException ex) {
				if (ex.limit() == BreakGlassLimit.LOCKED) {
					break;
				}
				this.clock.advance(ex.retryAfter());
			}
		}
		assertThat(denied).as("opens verified before the lock: refused ones do not count").isEqualTo(12);
		assertThat(this.events).filteredOn(BreakGlassLockedOutEvent.class::isInstance)
			.map((event) -> (BreakGlassLockedOutEvent) event)
			.as("a lockout after 5 and 10 failures, the lock after 12")
			.satisfiesExactly((first) -> assertThat(first.until()).isNotNull(),
					(second) -> assertThat(second.until()).isNotNull(), (lock) -> assertThat(lock.until()).isNull());
		assertThat(output).contains("break-glass event=locked principal=\"mallory\" requester=- reason=- "
				+ "failed-opens=12 until=unlock");
		this.clock.advance(Duration.ofDays(300));
		this.service.requestOtp("mine");
		assertThatExceptionOfType(BreakGlassThrottledException.class)
			.isThrownBy(() -> this.service.open(this.sent.get("mallory")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.LOCKED));
		as("alice");
		this.service.requestOtp("INC-1");
		assertThat(this.service.open(this.sent.get("alice")).requester()).as("nobody else is locked")
			.isEqualTo("alice");
		as("operator");
		this.service.unlock("mallory");
		assertThat(this.events).last().isInstanceOfSatisfying(BreakGlassUnlockedEvent.class, (event) -> {
			assertThat(event.principal()).isEqualTo("operator");
			assertThat(event.unlocked()).isEqualTo("mallory");
		});
		assertThat(output).contains(
				"break-glass event=unlocked principal=\"operator\" requester=- reason=- " + "unlocked=\"mallory\"");
		as("mallory");
		assertThat(this.service.lockouts("mallory")).isEmpty();
		assertThat(this.service.open(this.sent.get("mallory")).requester()).isEqualTo("mallory");
	}

	@Test
	void theAuditLineEscapesQuotesSoThatNoFieldCanFakeAnother(CapturedOutput output) {
		as("alice");
		this.service.requestOtp("db down\" principal=\"admin\\");
		this.service.open(this.sent.get("alice"));
		assertThat(output).contains("break-glass event=session-opened principal=\"alice\" requester=\"alice\" "
				+ "reason=\"db down\\\" principal=\\\"admin\\\\\" until=");
	}

	@Test
	void anOperatorEndsAnotherPrincipalsSessionWithoutItsTokenAndTheEventNamesBoth(CapturedOutput output) {
		as("alice");
		this.service.requestOtp("INC-1");
		BreakGlassSession session = this.service.open(this.sent.get("alice"));
		as("operator");
		assertThat(this.service.end()).hasValueSatisfying((ended) -> {
			assertThat(ended.requester()).isEqualTo("alice");
			assertThat(ended.token()).isNull();
		});
		assertThat(this.events).last().isInstanceOfSatisfying(SessionEndedEvent.class, (event) -> {
			assertThat(event.principal()).isEqualTo("operator");
			assertThat(event.requester()).isEqualTo("alice");
			assertThat(event.reason()).isEqualTo("INC-1");
		});
		assertThat(output)
			.contains("break-glass event=session-ended principal=\"operator\" requester=\"alice\" reason=\"INC-1\"");
		assertThat(this.service.authenticate(session.token())).isEmpty();
		int published = this.events.size();
		assertThat(this.service.end()).as("nothing open").isEmpty();
		assertThat(this.events).as("no event for nothing").hasSize(published);
	}

	@Test
	void anUnlockOfCallersWithNoPrincipalIsTheEmptyName() {
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("000000"));
		}
		assertThat(this.service.lockouts()).extracting(BreakGlassLockout::limit)
			.containsExactly(BreakGlassLimit.FAILED_OPENS);
		this.service.unlock(OtpStore.SHARED);
		assertThat(this.service.lockouts()).isEmpty();
	}

	private void as(String principal) {
		this.signedIn.set(principal);
	}

}
