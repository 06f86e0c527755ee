package dev.breakglass.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.security.BreakGlassAuthenticationProvider;
import dev.breakglass.security.BreakGlassAuthenticationToken;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Secrets;
import dev.breakglass.test.MutableClock;
import dev.breakglass.test.Race;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Two-person approval and drills on a backend's stores, across two nodes: the requester
 * asks on one, the approver approves on the other, the requester opens on the first.
 * Nobody approves their own request, an approval past its timeout is refused, an unknown
 * token takes nothing, and of racing approvers exactly one approves. A drill runs the
 * same flow across the nodes, tagged in every event and audit line, and its session
 * grants only the drill authority. Each backend extends this class.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class AbstractApprovalAndDrillTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final MutableClock clock = new MutableClock(Instant.now());

	private final AtomicReference<String> signedIn = new AtomicReference<>();

	private final Map<String, String> otps = new ConcurrentHashMap<>();

	private final Map<String, String> approvalTokens = new ConcurrentHashMap<>();

	private final List<BreakGlassEvent> events = new CopyOnWriteArrayList<>();

	private final BreakGlassAuditLog auditLog = new BreakGlassAuditLog();

	/**
	 * Run a test on two application contexts on the backend (one context twice on
	 * memory), with every store on the backend and nothing pending.
	 * @param test the test, given the two contexts
	 * @throws Exception whatever the test throws
	 */
	protected abstract void onTwoNodes(TwoNodes test) throws Exception;

	@Test
	void theOtpGoesToTheRequesterOnlyAfterSomeoneElseApprovesOnAnotherNode(CapturedOutput output) throws Exception {
		onTwoNodes((requestersNode, approversNode) -> {
			BreakGlassService requesters = service(requestersNode);
			BreakGlassService approvers = service(approversNode);
			as("alice");
			Instant approvalExpiresAt = requesters.requestOtp("INC-4711: orders database down");
			assertThat(approvalExpiresAt).isEqualTo(this.clock.instant().plus(TIMEOUT));
			assertThat(this.otps).as("no OTP before the approval").isEmpty();
			String token = this.approvalTokens.get("alice");
			assertThat(token).isNotNull();
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> requesters.open("123456"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
			as("bob");
			BreakGlassApproval approval = approvers.approve(token);
			assertThat(approval).isEqualTo(new BreakGlassApproval("alice", "INC-4711: orders database down", "bob",
					this.clock.instant().plus(Duration.ofMinutes(10))));
			String otp = this.otps.get("alice");
			assertThatExceptionOfType(BreakGlassDeniedException.class).as("the approver cannot use it")
				.isThrownBy(() -> approvers.open(otp))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OtpVerification.NO_PENDING_OTP));
			as("alice");
			BreakGlassSession session = requesters.open(otp);
			assertThat(session.requester()).isEqualTo("alice");
			assertThat(this.events).extracting((event) -> event.getClass().getSimpleName() + " " + event.principal())
				.containsSubsequence("ApprovalRequestedEvent alice", "RequestApprovedEvent bob",
						"SessionOpenedEvent alice");
			assertThat(this.events).filteredOn(RequestApprovedEvent.class::isInstance)
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.requester()).isEqualTo("alice");
					assertThat(event.reason()).isEqualTo("INC-4711: orders database down");
				});
			assertThat(output).contains("break-glass event=request-approved principal=\"bob\" requester=\"alice\" "
					+ "reason=\"INC-4711: orders database down\" otp-until=");
			assertThat(this.events).allSatisfy((event) -> assertThat(event.toString()).doesNotContain(token));
			assertThatExceptionOfType(ApprovalRefusedException.class).as("a token is presented once")
				.isThrownBy(() -> approvers.approve(token))
				.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.UNKNOWN))
				.withMessageNotContaining(token);
		});
	}

	@Test
	void nobodyApprovesTheirOwnRequestAndTryingSpendsOnlyTheirOwnApproval(CapturedOutput output) throws Exception {
		onTwoNodes((requestersNode, approversNode) -> {
			BreakGlassService requesters = service(requestersNode);
			as("alice");
			requesters.requestOtp("INC-1");
			String token = this.approvalTokens.get("alice");
			assertThatExceptionOfType(ApprovalRefusedException.class).isThrownBy(() -> requesters.approve(token))
				.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.SELF_APPROVAL));
			assertThat(this.otps).isEmpty();
			assertThat(output).contains("break-glass event=approval-refused principal=\"alice\" requester=\"alice\" "
					+ "reason=\"INC-1\" refusal=SELF_APPROVAL");
			as("bob");
			assertThatExceptionOfType(ApprovalRefusedException.class)
				.isThrownBy(() -> service(approversNode).approve(token))
				.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.UNKNOWN));
			assertThat(this.otps).isEmpty();
		});
	}

	@Test
	void anApprovalAfterItsTimeoutIsRefused() throws Exception {
		onTwoNodes((requestersNode, approversNode) -> {
			as("alice");
			service(requestersNode).requestOtp("INC-1");
			this.clock.advance(TIMEOUT);
			as("bob");
			assertThatExceptionOfType(ApprovalRefusedException.class)
				.isThrownBy(() -> service(approversNode).approve(this.approvalTokens.get("alice")))
				.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.EXPIRED));
			assertThat(this.otps).isEmpty();
			assertThat(this.events).last()
				.isInstanceOfSatisfying(ApprovalRefusedEvent.class,
						(event) -> assertThat(event.requester()).isEqualTo("alice"));
		});
	}

	@Test
	void anAttackersGuessedTokensTakeNothingAndTheVictimsApprovalStillWorks() throws Exception {
		onTwoNodes((requestersNode, attackersNode) -> {
			as("alice");
			service(requestersNode).requestOtp("INC-1");
			as("mallory");
			BreakGlassService attackers = service(attackersNode);
			for (String guess : new String[] { Secrets.newSessionToken(), "", "not a token",
					this.approvalTokens.get("alice").substring(1) + "A" }) {
				assertThatExceptionOfType(ApprovalRefusedException.class).isThrownBy(() -> attackers.approve(guess))
					.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.UNKNOWN));
			}
			as("bob");
			assertThat(service(attackersNode).approve(this.approvalTokens.get("alice")).requester()).isEqualTo("alice");
			assertThat(this.otps).containsOnlyKeys("alice");
		});
	}

	@Test
	void ofApproversRacingOnTwoNodesExactlyOneApproves() throws Exception {
		onTwoNodes((one, two) -> {
			as("alice");
			service(one).requestOtp("INC-1");
			String token = this.approvalTokens.get("alice");
			BreakGlassService first = service(one);
			BreakGlassService second = service(two);
			as("bob");
			try (Race race = new Race(8)) {
				List<Boolean> approved = race.run((thread) -> () -> {
					try {
						((thread % 2 == 0) ? first : second).approve(token);
						return true;
					}
					catch (ApprovalRefusedException ex) {
						return false;
					}
				});
				assertThat(approved).containsOnlyOnce(true);
			}
		});
	}

	@Test
	void noOneSignedInCannotApproveAndTheTokenSurvives() throws Exception {
		onTwoNodes((requestersNode, approversNode) -> {
			as("alice");
			service(requestersNode).requestOtp("INC-1");
			as(null);
			assertThatIllegalStateException()
				.isThrownBy(() -> service(approversNode).approve(this.approvalTokens.get("alice")))
				.withMessage("No one is signed in to approve a break-glass request");
			as("bob");
			assertThat(service(approversNode).approve(this.approvalTokens.get("alice")).approver()).isEqualTo("bob");
		});
	}

	@Test
	void whenTheApprovalSenderFailsThePendingApprovalIsWithdrawn() throws Exception {
		onTwoNodes((requestersNode, approversNode) -> {
			AtomicReference<String> lost = new AtomicReference<>();
			BreakGlassService failing = service(requestersNode, (token, expiresAt, request) -> {
				lost.set(token);
				throw new IllegalStateException("chat is down");
			});
			as("alice");
			assertThatIllegalStateException().isThrownBy(() -> failing.requestOtp("INC-1")).withMessage("chat is down");
			as("bob");
			assertThatExceptionOfType(ApprovalRefusedException.class)
				.isThrownBy(() -> service(approversNode).approve(lost.get()))
				.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(ApprovalRefusal.UNKNOWN));
		});
	}

	@Test
	void aDrillRunsTheWholeFlowAcrossNodesAndItsSessionGrantsOnlyTheDrillAuthority(CapturedOutput output)
			throws Exception {
		onTwoNodes((one, two) -> {
			as("alice");
			service(one).requestDrill("quarterly drill DR-7");
			as("bob");
			assertThat(service(two).approve(this.approvalTokens.get("alice")).requester()).isEqualTo("alice");
			as("alice");
			BreakGlassSession drill = service(two).open(this.otps.get("alice"));
			assertThat(drill.drill()).isTrue();
			assertThat(service(one).authenticate(drill.token())).hasValueSatisfying((session) -> {
				assertThat(session.drill()).isTrue();
				assertThat(session.requester()).isEqualTo("alice");
			});
			assertThat(authorities(service(one), drill.token())).containsExactly("ROLE_BREAK_GLASS_DRILL");
			assertThat(service(one).activeSession())
				.hasValueSatisfying((session) -> assertThat(session.drill()).isTrue());
			assertThat(this.events).isNotEmpty().allSatisfy((event) -> assertThat(event.drill()).isTrue());
			assertThat(output)
				.contains("event=request-approved principal=\"bob\" requester=\"alice\" "
						+ "reason=\"quarterly drill DR-7\" drill=true")
				.contains("event=session-opened principal=\"alice\" requester=\"alice\" "
						+ "reason=\"quarterly drill DR-7\" drill=true");
			this.events.clear();
			service(one).requestOtp("INC-1: the real thing");
			as("bob");
			service(two).approve(this.approvalTokens.get("alice"));
			as("alice");
			BreakGlassSession real = service(one).open(this.otps.get("alice"));
			assertThat(real.drill()).isFalse();
			assertThat(authorities(service(two), real.token())).containsExactly("ROLE_BREAK_GLASS");
			assertThat(this.events).filteredOn(SessionReplacedEvent.class::isInstance)
				.singleElement()
				.satisfies((event) -> assertThat(event.drill()).as("the replaced session was the drill").isTrue());
		});
	}

	private static List<String> authorities(BreakGlassService service, String token) {
		return new BreakGlassAuthenticationProvider(service)
			.authenticate(BreakGlassAuthenticationToken.unauthenticated(token))
			.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
	}

	private BreakGlassService service(ApplicationContext node) {
		return service(node, (token, expiresAt, request) -> this.approvalTokens.put(request.requester(), token));
	}

	private BreakGlassService service(ApplicationContext node, BreakGlassApprovalSender approvalSender) {
		// the node's stores and counters; the test's senders, clock and caller
		return new BreakGlassService(node.getBean(OtpStore.class), node.getBean(BreakGlassTokenStore.class),
				(otp, expiresAt, request) -> this.otps.put(request.requester(), otp), (event) -> {
					if (event instanceof BreakGlassEvent breakGlass) {
						this.events.add(breakGlass);
						this.auditLog.onApplicationEvent(breakGlass);
					}
				}, this.clock, Duration.ofMinutes(10), Duration.ofHours(1),
				new BreakGlassLimits(node.getBean(AttemptCounterStore.class), 3, 10, Duration.ofMinutes(15), 5,
						Duration.ofMinutes(15)),
				() -> Optional.ofNullable(this.signedIn.get()), BreakGlassJustification.any(),
				new BreakGlassApprovals(node.getBean(AuthorizationCodeStore.class), approvalSender, TIMEOUT));
	}

	private void as(String principal) {
		this.signedIn.set(principal);
	}

	/**
	 * A test on two nodes.
	 */
	@FunctionalInterface
	protected interface TwoNodes {

		/**
		 * Run the test.
		 * @param one the first node
		 * @param two the second node
		 * @throws Exception whatever the test throws
		 */
		void run(ApplicationContext one, ApplicationContext two) throws Exception;

	}

}
