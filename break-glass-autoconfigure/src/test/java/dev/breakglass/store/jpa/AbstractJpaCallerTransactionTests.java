package dev.breakglass.store.jpa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import dev.breakglass.service.ApprovalRefusal;
import dev.breakglass.service.ApprovalRefusedException;
import dev.breakglass.service.BreakGlassApprovals;
import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassJustification;
import dev.breakglass.service.BreakGlassLimits;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Redemption;
import dev.breakglass.test.TestSecrets;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * What holds across a caller's transaction: a consuming operation commits on its own, so
 * a caller's rollback never brings a secret back; a write joins the caller's transaction
 * (a rollback withdraws it) or, without one, commits alone; a consume that meets a row
 * the caller's own transaction has locked fails fast, saying why. Extended once per pool
 * auto-commit setting.
 */
abstract class AbstractJpaCallerTransactionTests {

	private static final Duration IDLE = Duration.ofMinutes(10);

	protected abstract JpaDatabase database();

	private <T> T bean(Class<T> type) {
		return database().node().getBean(type);
	}

	private TransactionTemplate transaction() {
		return new TransactionTemplate(bean(PlatformTransactionManager.class));
	}

	/**
	 * Run the work in a caller's transaction that then fails and rolls back.
	 */
	private void rolledBack(TransactionTemplate transaction, Consumer<TransactionStatus> work) {
		assertThatExceptionOfType(CallerFailure.class).isThrownBy(() -> transaction.executeWithoutResult((status) -> {
			work.accept(status);
			throw new CallerFailure();
		}));
	}

	private void rolledBack(Consumer<TransactionStatus> work) {
		rolledBack(transaction(), work);
	}

	private AuthorizationCode newCode() {
		return new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
				database().now().plusSeconds(60));
	}

	@Test
	void takeInsideARolledBackTransactionStaysSpent() {
		AuthorizationCodeStore codes = bean(AuthorizationCodeStore.class);
		AuthorizationCode code = newCode();
		codes.put(code);
		rolledBack((status) -> assertThat(codes.take(code.codeHash())).contains(code));
		assertThat(codes.take(code.codeHash())).isEmpty();
	}

	@Test
	void redeemInsideARolledBackTransactionStaysRedeemed() {
		AuthorizationCodeStore codes = bean(AuthorizationCodeStore.class);
		AuthorizationCode code = newCode();
		codes.put(code);
		rolledBack((status) -> assertThat(codes.redeem(code.codeHash())).isEqualTo(new Redemption.Redeemed(code)));
		assertThat(codes.redeem(code.codeHash())).isInstanceOf(Redemption.AlreadyRedeemed.class);
		assertThat(codes.take(code.codeHash())).isEmpty();
	}

	@Test
	void consumeInsideARolledBackTransactionStaysSpent() {
		OneTimeTokenStore tokens = bean(OneTimeTokenStore.class);
		String token = tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		rolledBack((status) -> assertThat(tokens.consume(token, TokenKind.MAGIC_LINK)).contains("alice"));
		assertThat(tokens.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

	@Test
	void consumeWithTheWrongKindInsideARolledBackTransactionStaysSpent() {
		OneTimeTokenStore tokens = bean(OneTimeTokenStore.class);
		String token = tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		rolledBack((status) -> assertThat(tokens.consume(token, TokenKind.PASSWORD_RESET)).isEmpty());
		assertThat(tokens.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

	@Test
	void verifyInsideARolledBackTransactionStaysSpent() {
		OtpStore otps = bean(OtpStore.class);
		String code = otps.generate(ATTRIBUTION);
		rolledBack((status) -> assertThat(otps.verify(code).verification()).isEqualTo(OtpVerification.VALID));
		assertThat(otps.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void clearOfTheOtpInsideARolledBackTransactionStaysCleared() {
		OtpStore otps = bean(OtpStore.class);
		String code = otps.generate(ATTRIBUTION);
		rolledBack((status) -> otps.clear());
		assertThat(otps.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void revokeInsideARolledBackTransactionStaysRevoked() {
		BreakGlassTokenStore sessions = bean(BreakGlassTokenStore.class);
		String token = sessions.issue(ATTRIBUTION).token();
		rolledBack((status) -> assertThat(sessions.revoke(token)).isTrue());
		assertThat(sessions.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
		assertThat(sessions.revoke(token)).isFalse();
	}

	@Test
	void clearOfTheSessionTokenInsideARolledBackTransactionStaysCleared() {
		BreakGlassTokenStore sessions = bean(BreakGlassTokenStore.class);
		String token = sessions.issue(ATTRIBUTION).token();
		rolledBack((status) -> sessions.clear());
		assertThat(sessions.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void endOfTheSessionInsideARolledBackTransactionStaysEnded() {
		BreakGlassTokenStore sessions = bean(BreakGlassTokenStore.class);
		String token = sessions.issue(ATTRIBUTION).token();
		rolledBack((status) -> assertThat(sessions.end()).isPresent());
		assertThat(sessions.lookup(token)).isEmpty();
		assertThat(sessions.end()).isEmpty();
	}

	@Test
	void aUseUnderAnIdleTimeoutInsideARolledBackTransactionStillMovesTheDeadline() {
		BreakGlassTokenStore sessions = sessionsWithAnIdleTimeout();
		String token = sessions.issue(ATTRIBUTION).token();
		database().elapse(IDLE.minusMinutes(1));
		rolledBack((status) -> assertThat(sessions.lookup(token)).isPresent());
		database().elapse(IDLE.minusMinutes(1));
		assertThat(sessions.lookup(token)).as("the use in the rolled-back transaction moved the deadline").isPresent();
	}

	@Test
	void aUseUnderAnIdleTimeoutInsideACallersTransactionLocksNothingForOtherRequests() {
		BreakGlassTokenStore sessions = sessionsWithAnIdleTimeout();
		String token = sessions.issue(ATTRIBUTION).token();
		database().elapse(Duration.ofMinutes(1));
		rolledBack((status) -> {
			assertThat(sessions.lookup(token)).isPresent();
			// another request, on another connection, while the caller's transaction is
			// open, whose use moves the deadline again (a node with a longer timeout):
			// it writes the row, and a lock held by the caller would stop it
			BreakGlassTokenStore otherNode = sessionsWithAnIdleTimeout(IDLE.multipliedBy(2));
			assertThat(CompletableFuture.supplyAsync(() -> otherNode.lookup(token)))
				.succeedsWithin(Duration.ofSeconds(3))
				.satisfies((found) -> assertThat(found).isPresent());
		});
	}

	@Test
	void aSessionARequiredTrailCannotRecordInsideACallersTransactionLeavesNoSession() {
		ConfigurableApplicationContext node = database().startNode("break-glass.audit.required=true");
		BreakGlassService service = node.getBean(BreakGlassService.class);
		String otp = node.getBean(OtpStore.class).generate(ATTRIBUTION);
		String trail = database().schema() + ".break_glass_audit";
		database().jdbc().execute("ALTER TABLE " + trail + " RENAME TO break_glass_audit_away");
		try {
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> new TransactionTemplate(node.getBean(PlatformTransactionManager.class))
					.executeWithoutResult((status) -> service.open(otp)))
				.withMessageContaining("with break-glass.audit.required the session is not opened");
		}
		finally {
			database().jdbc().execute("ALTER TABLE " + trail + "_away RENAME TO break_glass_audit");
		}
		assertThat(node.getBean(BreakGlassTokenStore.class).active()).as("no session, whoever holds a token").isEmpty();
		assertThatExceptionOfType(BreakGlassDeniedException.class).as("the OTP stays spent")
			.isThrownBy(() -> service.open(otp));
	}

	private BreakGlassTokenStore sessionsWithAnIdleTimeout() {
		return sessionsWithAnIdleTimeout(IDLE);
	}

	private BreakGlassTokenStore sessionsWithAnIdleTimeout(Duration idle) {
		return new JpaBreakGlassTokenStore(bean(JpaStatements.class), TestSecrets.HASHER,
				new SessionLifetime(Duration.ofHours(1), idle));
	}

	@Test
	void anAuditRecordAppendedInsideARolledBackTransactionStaysAndTheChainHolds() {
		AuditTrailStore trail = bean(AuditTrailStore.class);
		long before = trail.verify().records();
		rolledBack((status) -> trail
			.append(new AuditEntry(Instant.now(), "BREAK_GLASS_SESSION_OPENED", "alice", "alice", "INC-1", Map.of())));
		trail.append(new AuditEntry(Instant.now(), "BREAK_GLASS_SESSION_CLOSED", "alice", "alice", "INC-1", Map.of()));
		AuditChainVerification verification = trail.verify();
		assertThat(verification.intact()).as("%s", verification).isTrue();
		assertThat(verification.records()).isEqualTo(before + 2);
	}

	@Test
	void anApprovalInsideARolledBackTransactionStaysSpentAndItsOtpIsWithdrawn() {
		AtomicReference<String> signedIn = new AtomicReference<>("alice");
		Map<String, String> sent = new ConcurrentHashMap<>();
		BreakGlassService service = new BreakGlassService(bean(OtpStore.class), bean(BreakGlassTokenStore.class),
				(otp, expiresAt, request) -> sent.put("otp", otp), (event) -> {
				}, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofHours(1), BreakGlassLimits.unlimited(),
				() -> Optional.ofNullable(signedIn.get()), BreakGlassJustification.any(),
				new BreakGlassApprovals(bean(AuthorizationCodeStore.class),
						(token, expiresAt, request) -> sent.put("approval", token), Duration.ofMinutes(30)));
		service.requestOtp("INC-1");
		signedIn.set("bob");
		rolledBack((status) -> assertThat(service.approve(sent.get("approval")).requester()).isEqualTo("alice"));
		assertThatExceptionOfType(ApprovalRefusedException.class).as("the approval stays spent")
			.isThrownBy(() -> service.approve(sent.get("approval")))
			.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.UNKNOWN));
		signedIn.set("alice");
		// the OTP was written in the caller's transaction, so it went with the rollback:
		// nothing opens, and alice asks again
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> service.open(sent.get("otp")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
	}

	@ParameterizedTest
	@EnumSource(CallerTransaction.class)
	void verifyStaysSpentWhateverTheCallersTransactionIs(CallerTransaction kind) {
		OtpStore otps = bean(OtpStore.class);
		String code = otps.generate(ATTRIBUTION);
		rolledBack(kind.template(bean(PlatformTransactionManager.class)),
				(status) -> assertThat(otps.verify(code).verification()).isEqualTo(OtpVerification.VALID));
		assertThat(otps.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void aWrongOtpInsideARolledBackTransactionSpendsTheOtp() {
		BreakGlassService service = bean(BreakGlassService.class);
		String code = bean(OtpStore.class).generate(ATTRIBUTION);
		String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
		rolledBack((status) -> assertThatExceptionOfType(BreakGlassDeniedException.class)
			.isThrownBy(() -> service.open(wrong))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.INVALID)));
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> service.open(code))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
	}

	@Test
	void aWriteInsideARolledBackTransactionIsWithdrawn() {
		AuthorizationCodeStore codes = bean(AuthorizationCodeStore.class);
		AuthorizationCode code = newCode();
		rolledBack((status) -> codes.put(code));
		assertThat(codes.take(code.codeHash())).isEmpty();
	}

	@Test
	void aWriteInsideACommittedTransactionIsStored() {
		OneTimeTokenStore tokens = bean(OneTimeTokenStore.class);
		String token = transaction()
			.execute((status) -> tokens.issue("alice", TokenKind.EMAIL_VERIFICATION, Duration.ofMinutes(5)));
		assertThat(tokens.consume(token, TokenKind.EMAIL_VERIFICATION)).contains("alice");
	}

	@Test
	void aWriteInsideAReadOnlyTransactionCommitsAlone() {
		OneTimeTokenStore tokens = bean(OneTimeTokenStore.class);
		String token = rolledBackReturning(CallerTransaction.READ_ONLY,
				() -> tokens.issue("alice", TokenKind.EMAIL_VERIFICATION, Duration.ofMinutes(5)));
		assertThat(tokens.consume(token, TokenKind.EMAIL_VERIFICATION)).contains("alice");
	}

	@Test
	void aWriteWithOnlyAnOpenInViewEntityManagerIsCommitted() {
		EntityManagerFactory entityManagerFactory = bean(EntityManagerFactory.class);
		OneTimeTokenStore tokens = bean(OneTimeTokenStore.class);
		try (EntityManager openInView = entityManagerFactory.createEntityManager()) {
			TransactionSynchronizationManager.bindResource(entityManagerFactory, new EntityManagerHolder(openInView));
			try {
				tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
			}
			finally {
				TransactionSynchronizationManager.unbindResource(entityManagerFactory);
			}
		}
		assertThat(database().dump()).hasSize(1);
	}

	@Test
	void writesOutsideATransactionAreCommitted() {
		bean(OneTimeTokenStore.class).issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		bean(AuthorizationCodeStore.class).put(newCode());
		bean(OtpStore.class).generate(ATTRIBUTION);
		bean(BreakGlassTokenStore.class).issue(ATTRIBUTION).token();
		// read through a connection of its own, outside the node's pool
		assertThat(database().dump()).hasSize(4);
	}

	@Test
	void verifyOfAnOtpReplacedInTheSameTransactionFailsFastSayingWhy() {
		OtpStore otps = bean(OtpStore.class);
		otps.generate(ATTRIBUTION);
		String[] code = new String[1];
		assertFailsFastOnOwnLock(() -> {
			code[0] = otps.generate(ATTRIBUTION);
			otps.verify(code[0]).verification();
		}, "verify the OTP", code);
		assertThat(otps.verify(code[0]).verification()).isEqualTo(OtpVerification.INVALID);
	}

	@Test
	void revokeOfATokenReplacedInTheSameTransactionFailsFastSayingWhy() {
		BreakGlassTokenStore sessions = bean(BreakGlassTokenStore.class);
		String[] first = { sessions.issue(ATTRIBUTION).token() };
		assertFailsFastOnOwnLock(() -> {
			sessions.issue(ATTRIBUTION).token();
			sessions.revoke(first[0]);
		}, "revoke the session token", first);
		assertThat(sessions.lookup(first[0]).map(ActiveToken::issuedAt)).isPresent();
	}

	@Test
	void takeOfACodePutInTheSameTransactionFindsNothingUntilTheCallerCommits() {
		AuthorizationCodeStore codes = bean(AuthorizationCodeStore.class);
		AuthorizationCode code = newCode();
		transaction().executeWithoutResult((status) -> {
			codes.put(code);
			assertThat(codes.take(code.codeHash())).isEmpty();
		});
		assertThat(codes.take(code.codeHash())).contains(code);
	}

	private void assertFailsFastOnOwnLock(Runnable work, String operation, String[] secret) {
		long started = System.nanoTime();
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> transaction().executeWithoutResult((status) -> work.run()))
			.withMessageContaining(operation)
			.withMessageContaining("locked by another transaction")
			.withMessageContaining("possibly the caller's own")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(secret[0]));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	private <T> T rolledBackReturning(CallerTransaction kind, java.util.function.Supplier<T> work) {
		Object[] result = new Object[1];
		rolledBack(kind.template(bean(PlatformTransactionManager.class)), (status) -> result[0] = work.get());
		@SuppressWarnings("unchecked")
		T typed = (T) result[0];
		return typed;
	}

	enum CallerTransaction {

		REQUIRED(TransactionDefinition.PROPAGATION_REQUIRED, false),

		READ_ONLY(TransactionDefinition.PROPAGATION_REQUIRED, true),

		REQUIRES_NEW(TransactionDefinition.PROPAGATION_REQUIRES_NEW, false),

		SUPPORTS(TransactionDefinition.PROPAGATION_SUPPORTS, false);

		private final int propagation;

		private final boolean readOnly;

		CallerTransaction(int propagation, boolean readOnly) {
			this.propagation = propagation;
			this.readOnly = readOnly;
		}

		TransactionTemplate template(PlatformTransactionManager transactionManager) {
			TransactionTemplate template = new TransactionTemplate(transactionManager);
			template.setPropagationBehavior(this.propagation);
			template.setReadOnly(this.readOnly);
			return template;
		}

	}

	static class CallerFailure extends RuntimeException {

		CallerFailure() {
			super("the caller's own work failed");
		}

	}

}
