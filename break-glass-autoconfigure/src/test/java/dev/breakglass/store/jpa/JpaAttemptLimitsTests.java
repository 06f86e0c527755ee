package dev.breakglass.store.jpa;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassThrottledException;
import dev.breakglass.test.Race;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limits at their defaults on two nodes sharing one database: one count for both, and
 * an attempt counts whatever the caller's transaction does.
 */
class JpaAttemptLimitsTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	private static ApplicationContext nodeA;

	private static ApplicationContext nodeB;

	@BeforeAll
	static void startSecondNode() {
		nodeA = database.node();
		nodeB = database.startNode();
	}

	private static BreakGlassService on(int node) {
		return ((node % 2 == 0) ? nodeA : nodeB).getBean(BreakGlassService.class);
	}

	@Test
	void bothNodesShareOneCountPerRequester() {
		BreakGlassRequest alice = new BreakGlassRequest("alice", "INC-1");
		for (int i = 0; i < 3; i++) {
			on(i).requestOtp(alice);
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> on(1).requestOtp(alice))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS_PER_REQUESTER));
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> on(0).requestOtp(alice));
		on(1).requestOtp(new BreakGlassRequest("bob", "INC-1"));
	}

	@Test
	void thirtyTwoThreadsOnTwoNodesNeverGetMoreThanTheLimit() throws Exception {
		BreakGlassRequest carol = new BreakGlassRequest("carol", "race");
		try (Race race = new Race()) {
			List<Boolean> sent = race.run((i) -> () -> {
				try {
					on(i).requestOtp(carol);
					return true;
				}
				catch (BreakGlassThrottledException ex) {
					return false;
				}
			});
			assertThat(sent).filteredOn(Boolean::booleanValue).hasSize(3);
		}
	}

	@Test
	void failedOpensOnBothNodesLockBothOut() {
		for (int i = 0; i < 5; i++) {
			int node = i;
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> on(node).open("123456"));
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> on(0).open("123456"))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.FAILED_OPENS));
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> on(1).open("123456"));
	}

	@Test
	void attemptsInsideACallerTransactionThatRollsBackAreStillCounted() {
		TransactionTemplate transaction = new TransactionTemplate(nodeA.getBean(PlatformTransactionManager.class));
		BreakGlassRequest dave = new BreakGlassRequest("dave", "INC-2");
		for (int i = 0; i < 3; i++) {
			transaction.executeWithoutResult((status) -> {
				on(0).requestOtp(dave);
				status.setRollbackOnly();
			});
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> on(1).requestOtp(dave));
		for (int i = 0; i < 5; i++) {
			transaction.executeWithoutResult((status) -> {
				assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> on(0).open("123456"));
				status.setRollbackOnly();
			});
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> on(1).open("123456"));
	}

}
