package dev.breakglass.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OtpStore;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacker with one valid login, against a backend's stores on two nodes: while
 * {@code mallory} hammers one node (requests naming the victim and rotated names,
 * requests of its own, wrong guesses, and the victim's own OTP, as if stolen),
 * {@code alice} on the other node asks for an OTP and opens a session, round after round,
 * and gets one every time. The caller is the application context's own
 * {@link BreakGlassCaller} (Spring Security's security context), so is the whole store
 * stack; the limits are the defaults but for a short lockout, so that the attacker
 * reaches the lock in the test.
 */
public abstract class AbstractAttackerTests {

	/**
	 * As many OTPs as one requester may ask for per window at the defaults.
	 */
	private static final int VICTIM_ROUNDS = 3;

	private static final int LOCK_AFTER_FAILURES = 20;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, String> sent = new ConcurrentHashMap<>();

	private final List<BreakGlassEvent> events = new CopyOnWriteArrayList<>();

	/**
	 * Run a test on two application contexts on the backend (one context twice on
	 * memory).
	 * @param test the test, given the two contexts
	 * @throws Exception whatever the test throws
	 */
	protected abstract void onTwoNodes(TwoNodesTest test) throws Exception;

	@Test
	void aLegitimateRequesterGetsASessionOnEveryTryWhileAnotherLoginAttacks() throws Exception {
		onTwoNodes((attacked, defended) -> {
			BreakGlassService attackersNode = service(attacked);
			BreakGlassService victimsNode = service(defended);
			AtomicBoolean victimDone = new AtomicBoolean();
			Attack attack = new Attack();
			CompletableFuture<Void> attacker = CompletableFuture
				.runAsync(() -> as("mallory", () -> attack.run(attackersNode, victimDone)));
			int sessions = 0;
			try {
				for (int round = 0; round < VICTIM_ROUNDS; round++) {
					sessions += as("alice", () -> victimRound(victimsNode)) ? 1 : 0;
					Thread.sleep(300);
				}
			}
			finally {
				victimDone.set(true);
			}
			attacker.get(60, TimeUnit.SECONDS);
			assertThat(sessions).as("the victim's sessions").isEqualTo(VICTIM_ROUNDS);
			assertThat(attack.sessions).as("the attacker's sessions").hasValue(0);
			assertThat(attack.refusedAsMismatch).as("requests in another's name refused").hasPositiveValue();
			assertThat(attack.locked).as("the attacker locked itself").isTrue();
			assertThat(this.events).filteredOn(SessionOpenedEvent.class::isInstance)
				.extracting(BreakGlassEvent::principal)
				.containsOnly("alice");
			assertThat(this.events).filteredOn(RequesterMismatchEvent.class::isInstance)
				.allSatisfy((event) -> assertThat(event.principal()).isEqualTo("mallory"));
			assertThat(victimsNode.lockouts("alice")).isEmpty();
			assertThat(attackersNode.lockouts("mallory")).extracting(BreakGlassLockout::limit)
				.contains(BreakGlassLimit.LOCKED);
		});
	}

	private boolean victimRound(BreakGlassService service) {
		service.requestOtp("INC-4711: orders database down");
		BreakGlassSession session = service.open(this.sent.get("alice"));
		boolean ok = "alice".equals(session.requester()) && service.authenticate(session.token()).isPresent();
		return service.close(session.token()) && ok;
	}

	private BreakGlassService service(ApplicationContext node) {
		// the node's stores, counters and caller; a sender of the test's
		return new BreakGlassService(node.getBean(OtpStore.class), node.getBean(BreakGlassTokenStore.class),
				(otp, expiresAt, request) -> this.sent.put(request.requester(), otp), (event) -> {
					if (event instanceof BreakGlassEvent breakGlass) {
						this.events.add(breakGlass);
					}
				}, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofHours(1),
				new BreakGlassLimits(node.getBean(AttemptCounterStore.class), 3, 10, Duration.ofMinutes(15), 5,
						Duration.ofMillis(200), LOCK_AFTER_FAILURES),
				node.getBean(BreakGlassCaller.class));
	}

	private static <T> T as(String principal, Supplier<T> action) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, "n/a",
					AuthorityUtils.createAuthorityList("ROLE_OPERATOR")));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static void as(String principal, Runnable action) {
		as(principal, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * A test on two nodes.
	 */
	@FunctionalInterface
	protected interface TwoNodesTest {

		/**
		 * Run the test.
		 * @param attacked the node the attacker calls
		 * @param defended the node the victim calls
		 * @throws Exception whatever the test throws
		 */
		void run(ApplicationContext attacked, ApplicationContext defended) throws Exception;

	}

	private final class Attack {

		final AtomicInteger sessions = new AtomicInteger();

		final AtomicInteger refusedAsMismatch = new AtomicInteger();

		volatile boolean locked;

		void run(BreakGlassService service, AtomicBoolean victimDone) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
			for (int i = 0; (!victimDone.get() || !this.locked) && System.nanoTime() < deadline; i++) {
				attempt(() -> service.requestOtp(new BreakGlassRequest("alice", "let me in")));
				String rotated = "user-" + i;
				attempt(() -> service.requestOtp(new BreakGlassRequest(rotated, "rotating names")));
				attempt(() -> service.requestOtp("mine"));
				String stolen = AbstractAttackerTests.this.sent.get("alice");
				if (stolen != null) {
					attempt(() -> opened(service.open(stolen)));
				}
				String guess = String.format("%06d", AbstractAttackerTests.this.random.nextInt(1_000_000));
				attempt(() -> opened(service.open(guess)));
			}
		}

		private void opened(BreakGlassSession session) {
			this.sessions.incrementAndGet();
		}

		private void attempt(Runnable call) {
			try {
				call.run();
			}
			catch (RequesterMismatchException ex) {
				this.refusedAsMismatch.incrementAndGet();
			}
			catch (BreakGlassThrottledException ex) {
				this.locked |= ex.limit() == BreakGlassLimit.LOCKED;
			}
			catch (BreakGlassDeniedException ex) {
				// a wrong guess, or the victim's code, which is not in the attacker's
				// slot
			}
		}

	}

}
