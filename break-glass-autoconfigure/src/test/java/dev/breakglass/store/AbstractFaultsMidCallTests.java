package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.breakglass.test.FaultProxy;
import dev.breakglass.test.FaultProxy.Fault;
import org.springframework.context.ApplicationContext;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every backend promises when the network fails in the middle of a call: each
 * consuming and writing operation, made through a {@link FaultProxy} while a
 * {@link Fault} lasts, throws {@link StoreUnavailableException}, never grants and never
 * answers "not found"; a secret whose consume the server ran before the reply was lost
 * stays spent (fail closed); once the proxy heals, the same beans work again. Each
 * backend extends this class with two nodes on one server: one through the proxy, one
 * straight to the server that checks what the server holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractFaultsMidCallTests {

	private static final Duration HEALING = Duration.ofSeconds(10);

	private final Logger logger = LoggerFactory.getLogger(getClass());

	private int faultsInjected;

	private int callsThatThrew;

	private int grantsDuringFaults;

	private int secretsConsumedTwice;

	private int repliesLostOnce;

	private int threwAfterALostReply;

	private int grantedBecauseAnotherReplyWasLost;

	/**
	 * The proxy between {@link #throughProxy()} and the server.
	 * @return the proxy
	 */
	protected abstract FaultProxy proxy();

	/**
	 * A node whose stores reach the server through the proxy, with short timeouts.
	 * @return its context
	 */
	protected abstract ApplicationContext throughProxy();

	/**
	 * A node on the same server and keys whose stores reach the server directly.
	 * @return its context
	 */
	protected abstract ApplicationContext direct();

	/**
	 * A session token store of the node's backend with an idle timeout, so that a lookup
	 * moves the token's deadline: a write.
	 * @param node the node whose connection it uses
	 * @param lifetime the ttl and the idle timeout
	 * @return the store
	 */
	protected abstract BreakGlassTokenStore withIdleTimeout(ApplicationContext node, SessionLifetime lifetime);

	/**
	 * The stores of a node; its idle timeout store's timeout is 10 minutes straight to
	 * the server and 20 through the proxy, so that every use through the proxy moves the
	 * deadline (a write) of a token issued straight.
	 */
	private Stores stores(ApplicationContext node) {
		Duration idle = Duration.ofMinutes((node == throughProxy()) ? 20 : 10);
		return new Stores(node, withIdleTimeout(node, new SessionLifetime(Duration.ofHours(1), idle)));
	}

	static Stream<Operation> consumingOperations() {
		return Stream.of(Operation.REVOKE_SESSION_TOKEN, Operation.END_SESSION, Operation.VERIFY_OTP,
				Operation.TAKE_CODE, Operation.REDEEM_CODE, Operation.CONSUME_ONE_TIME_TOKEN);
	}

	/**
	 * What the message of a consume whose reply was lost says, so that a call failing for
	 * another reason (a timeout, say) does not pass for it.
	 * @return a part of the message
	 */
	protected abstract String lostReplyMessage();

	/**
	 * Whether {@link MetadataCache#sweep()} talks to the server (the redis backend leaves
	 * expiry to Redis and answers without asking it).
	 * @return whether sweeping is an operation on the server
	 */
	protected abstract boolean sweepsOnTheServer();

	Stream<Arguments> operationsAndFaults() {
		return Arrays.stream(Operation.values())
			.filter((operation) -> operation != Operation.SWEEP_METADATA || sweepsOnTheServer())
			.flatMap((operation) -> Arrays.stream(Fault.values()).map((fault) -> Arguments.of(operation, fault)));
	}

	@ParameterizedTest(name = "{0} under {1}")
	@MethodSource("operationsAndFaults")
	void operationFailsClosedUnderTheFaultAndWorksOnceHealed(Operation operation, Fault fault) {
		Stores proxied = stores(throughProxy());
		Stores direct = stores(direct());
		Call call = operation.prepare(proxied, direct);
		// Use the connection just before, so that a pool does not check it first: the
		// next
		// request on it is the operation's.
		awaitHealthy(proxied);
		this.faultsInjected++;
		proxy().inject(fault);
		boolean grantedUnderFault = false;
		try {
			Object answer = call.onProxy().get();
			grantedUnderFault = call.grants().test(answer);
			if (grantedUnderFault) {
				this.grantsDuringFaults++;
			}
			fail("%s answered %s under %s instead of throwing", operation, answer, fault);
		}
		catch (StoreUnavailableException ex) {
			this.callsThatThrew++;
			assertThat(ex).as("the outage is attached as the cause").hasCauseInstanceOf(Exception.class);
		}
		finally {
			proxy().heal();
		}
		if (call.consumeOnServer() != null) {
			boolean grantedNow = call.consumeOnServer().getAsBoolean();
			if (grantedUnderFault && grantedNow) {
				this.secretsConsumedTwice++;
			}
			if (fault == Fault.CUT_BEFORE_REPLY) {
				assertThat(grantedNow).as("the server ran the consume before the reply was lost: the secret is spent")
					.isFalse();
			}
		}
		awaitHealthy(proxied);
		Call again = operation.prepare(proxied, direct);
		Object answer = again.onProxy().get();
		assertThat(again.grants().test(answer)).as("%s through the healed proxy answers %s", operation, answer)
			.isTrue();
		if (again.consumeOnServer() != null && again.consumeOnServer().getAsBoolean()) {
			this.secretsConsumedTwice++;
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumingOperations")
	void consumeWhoseReplyIsLostOnceNeverGrantsTwiceAndLeavesTheSecretSpent(Operation operation) {
		Stores proxied = stores(throughProxy());
		Stores direct = stores(direct());
		// Run the operation once, healthy, so that the server holds its script (a lost
		// NOSCRIPT reply would be a reply of a call that never ran)
		awaitHealthy(proxied);
		operation.prepare(proxied, direct).onProxy().get();
		Call call = operation.prepare(proxied, direct);
		// Use the connection just before, so that a pool does not check it first: the
		// next reply on it is the consume's.
		awaitHealthy(proxied);
		this.repliesLostOnce++;
		proxy().injectOnce(Fault.CUT_BEFORE_REPLY);
		try {
			Object answer = call.onProxy().get();
			if (call.grants().test(answer)) {
				// The lost reply was another command's (a pool checking the connection
				// after all): this consume's own reply arrived, and it must be the only
				// grant.
				this.grantedBecauseAnotherReplyWasLost++;
			}
			else {
				// The consume ran and its reply is lost: it must throw with the outcome
				// unknown, never answer "not found" (as a client that resent it after
				// reconnecting, as Lettuce does by default, would).
				fail("%s answered %s after its reply was lost instead of throwing", operation, answer);
			}
		}
		catch (StoreUnavailableException ex) {
			this.threwAfterALostReply++;
			assertThat(ex).as("the outage is attached as the cause").hasCauseInstanceOf(Exception.class);
			assertThat(ex).as("why %s threw after its reply was lost", operation)
				.hasMessageContaining(lostReplyMessage());
		}
		finally {
			proxy().heal();
		}
		assertThat(call.consumeOnServer().getAsBoolean()).as("the server ran the consume: the secret is spent")
			.isFalse();
	}

	@AfterAll
	void reportTheCounts() {
		this.logger
			.info("Faults mid-call: {} faults injected, {} calls threw, {} grants during faults, {} secrets consumed twice;"
					+ " {} replies lost once, {} of them threw, {} granted because the reply lost was another command's",
					this.faultsInjected, this.callsThatThrew, this.grantsDuringFaults, this.secretsConsumedTwice,
					this.repliesLostOnce, this.threwAfterALostReply, this.grantedBecauseAnotherReplyWasLost);
		assertThat(this.grantsDuringFaults).as("grants during faults").isZero();
		assertThat(this.secretsConsumedTwice).as("secrets consumed twice").isZero();
		assertThat(this.callsThatThrew).as("calls that threw").isEqualTo(this.faultsInjected);
		assertThat(this.grantedBecauseAnotherReplyWasLost).as("consumes whose own reply was not the one lost")
			.isLessThan(this.repliesLostOnce);
	}

	private void awaitHealthy(Stores stores) {
		Instant deadline = Instant.now().plus(HEALING);
		while (true) {
			try {
				stores.tokens.lookup(Secrets.newSessionToken());
				return;
			}
			catch (StoreUnavailableException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new AssertionError("the stores did not work again within " + HEALING + " of healing", ex);
				}
			}
		}
	}

	/**
	 * An operation of a store, made on a secret of its own.
	 */
	enum Operation {

		ISSUE_SESSION_TOKEN((proxied, direct) -> write(() -> proxied.tokens.issue(ATTRIBUTION).token())),

		LOOK_UP_SESSION_TOKEN((proxied, direct) -> {
			String token = direct.tokens.issue(ATTRIBUTION).token();
			return read(() -> proxied.tokens.lookup(token));
		}),

		REVOKE_SESSION_TOKEN((proxied, direct) -> {
			String token = direct.tokens.issue(ATTRIBUTION).token();
			return new Call(() -> proxied.tokens.revoke(token), Boolean.TRUE::equals,
					() -> direct.tokens.revoke(token));
		}),

		USE_SESSION_TOKEN_UNDER_AN_IDLE_TIMEOUT((proxied, direct) -> {
			String token = direct.idleTokens.issue(ATTRIBUTION).token();
			return read(() -> proxied.idleTokens.lookup(token));
		}),

		END_SESSION((proxied, direct) -> {
			direct.tokens.issue(ATTRIBUTION);
			return new Call(() -> proxied.tokens.end(), (answer) -> ((Optional<?>) answer).isPresent(),
					() -> direct.tokens.end().isPresent());
		}),

		APPEND_AUDIT_RECORD((proxied,
				direct) -> write(() -> proxied.trail.append(new AuditEntry(Instant.now(), "BREAK_GLASS_FAULT_TEST",
						"operator", "alice", "faults", Map.of())))),

		CLEAR_SESSION_TOKEN((proxied, direct) -> write(() -> {
			proxied.tokens.clear();
			return "cleared";
		})),

		GENERATE_OTP((proxied, direct) -> write(() -> proxied.otps.generate(ATTRIBUTION))),

		VERIFY_OTP((proxied, direct) -> {
			String code = direct.otps.generate(ATTRIBUTION);
			return new Call(() -> proxied.otps.verify(code).verification(), OtpVerification.VALID::equals,
					() -> direct.otps.verify(code).verification() == OtpVerification.VALID);
		}),

		CLEAR_OTP((proxied, direct) -> write(() -> {
			proxied.otps.clear();
			return "cleared";
		})),

		PUT_CODE((proxied, direct) -> write(() -> {
			proxied.codes.put(newCode());
			return "put";
		})),

		TAKE_CODE((proxied, direct) -> {
			AuthorizationCode code = newCode();
			direct.codes.put(code);
			return new Call(() -> proxied.codes.take(code.codeHash()), (answer) -> ((Optional<?>) answer).isPresent(),
					() -> direct.codes.take(code.codeHash()).isPresent());
		}),

		REDEEM_CODE((proxied, direct) -> {
			AuthorizationCode code = newCode();
			direct.codes.put(code);
			return new Call(() -> proxied.codes.redeem(code.codeHash()), Redemption.Redeemed.class::isInstance,
					() -> direct.codes.redeem(code.codeHash()) instanceof Redemption.Redeemed);
		}),

		PUT_METADATA((proxied, direct) -> write(() -> {
			proxied.metadata.put(newUrl(), Map.of("client_name", "app"), Instant.now().plusSeconds(60));
			return "put";
		})),

		GET_METADATA((proxied, direct) -> {
			String url = newUrl();
			direct.metadata.put(url, Map.of("client_name", "app"), Instant.now().plusSeconds(60));
			return read(() -> proxied.metadata.get(url));
		}),

		SWEEP_METADATA((proxied, direct) -> write(proxied.metadata::sweep)),

		ISSUE_ONE_TIME_TOKEN((proxied, direct) -> write(
				() -> proxied.oneTimeTokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5)))),

		CONSUME_ONE_TIME_TOKEN((proxied, direct) -> {
			String token = direct.oneTimeTokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
			return new Call(() -> proxied.oneTimeTokens.consume(token, TokenKind.MAGIC_LINK),
					(answer) -> ((Optional<?>) answer).isPresent(),
					() -> direct.oneTimeTokens.consume(token, TokenKind.MAGIC_LINK).isPresent());
		});

		private final Preparation preparation;

		Operation(Preparation preparation) {
			this.preparation = preparation;
		}

		Call prepare(Stores proxied, Stores direct) {
			return this.preparation.prepare(proxied, direct);
		}

		private static Call write(Supplier<Object> write) {
			return new Call(write, (answer) -> true, null);
		}

		private static Call read(Supplier<Optional<?>> read) {
			return new Call(read::get, (answer) -> ((Optional<?>) answer).isPresent(), null);
		}

		private static AuthorizationCode newCode() {
			return new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
					Instant.now().plusSeconds(60));
		}

		private static String newUrl() {
			return "https://client.example.com/" + Secrets.newOneTimeToken() + "/metadata.json";
		}

	}

	@FunctionalInterface
	interface Preparation {

		Call prepare(Stores proxied, Stores direct);

	}

	/**
	 * One call to make through the proxy.
	 *
	 * @param onProxy makes the call through the proxy
	 * @param grants whether an answer grants (for a read: finds) the secret
	 * @param consumeOnServer for a consuming call: consumes the same secret straight on
	 * the server, answering whether that granted it
	 */
	record Call(Supplier<Object> onProxy, Predicate<Object> grants, BooleanSupplier consumeOnServer) {

	}

	/**
	 * The stores of one node.
	 */
	static final class Stores {

		final BreakGlassTokenStore tokens;

		final BreakGlassTokenStore idleTokens;

		final AuditTrailStore trail;

		final OtpStore otps;

		final AuthorizationCodeStore codes;

		final MetadataCache metadata;

		final OneTimeTokenStore oneTimeTokens;

		Stores(ApplicationContext node, BreakGlassTokenStore idleTokens) {
			this.tokens = node.getBean(BreakGlassTokenStore.class);
			this.idleTokens = idleTokens;
			this.trail = node.getBean(AuditTrailStore.class);
			this.otps = node.getBean(OtpStore.class);
			this.codes = node.getBean(AuthorizationCodeStore.class);
			this.metadata = node.getBean(MetadataCache.class);
			this.oneTimeTokens = node.getBean(OneTimeTokenStore.class);
		}

	}

}
