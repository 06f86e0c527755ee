package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.TokenKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JpaExpiredRowSweeperTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase("break-glass.metadata-cache.sweep-interval=200ms");

	@Test
	void sweepDeletesEveryExpiredRowInBatchesAndKeepsLiveOnes() {
		// the context's own sweeper would race this one for the rows it counts
		JpaExpiredRowSweeper scheduled = database.node().getBean(JpaExpiredRowSweeper.class);
		scheduled.stop();
		try {
			sweepAndCount();
		}
		finally {
			scheduled.start();
		}
	}

	private void sweepAndCount() {
		AuthorizationCodeStore codes = database.node().getBean(AuthorizationCodeStore.class);
		Instant past = database.now().minusSeconds(1);
		int expired = 2 * JpaExpiredRows.BATCH_SIZE + 500;
		database.jdbc()
			.update("INSERT INTO break_glass_authorization_code SELECT 'expired-' || i, 'data', ? "
					+ "FROM generate_series(1, ?) i", java.sql.Timestamp.from(past), expired);
		AuthorizationCode live = new AuthorizationCode("live", "data", database.now().plusSeconds(600));
		codes.put(live);
		String token = database.node()
			.getBean(OneTimeTokenStore.class)
			.issue("alice", TokenKind.EMAIL_OTP, Duration.ofMinutes(1));
		database.node().getBean(MetadataCache.class).put("https://a.example", Map.of(), database.now().plusSeconds(1));
		database.elapse(Duration.ofMinutes(2));
		JpaExpiredRowSweeper sweeper = new JpaExpiredRowSweeper(
				List.of(new JpaAuthorizationCodeStore(database.statements()),
						new JpaMetadataCache(database.statements()), new JpaOneTimeTokenStore(database.statements())),
				Duration.ofMinutes(5));
		assertThat(sweeper.sweep()).isEqualTo(expired + 2);
		assertThat(sweeper.sweep()).isZero();
		assertThat(codes.take("live")).map(AuthorizationCode::data).contains(live.data());
		assertThat(database.node().getBean(OneTimeTokenStore.class).consume(token, TokenKind.EMAIL_OTP)).isEmpty();
	}

	@Test
	void anInterruptedSweepStopsAfterTheBatchInFlight() {
		JpaExpiredRowSweeper scheduled = database.node().getBean(JpaExpiredRowSweeper.class);
		scheduled.stop();
		try {
			database.jdbc()
				.update("INSERT INTO break_glass_authorization_code SELECT 'interrupted-' || i, 'data', "
						+ "now() - INTERVAL '1 second' FROM generate_series(1, ?) i", 3 * JpaExpiredRows.BATCH_SIZE);
			int deleted;
			// as the sweeper's thread is when the application context stops
			Thread.currentThread().interrupt();
			try {
				deleted = new JpaAuthorizationCodeStore(database.statements()).deleteExpired(Duration.ofMinutes(5));
			}
			finally {
				Thread.interrupted();
			}
			assertThat(deleted).isEqualTo(JpaExpiredRows.BATCH_SIZE);
			assertThat(database.jdbc()
				.queryForObject(
						"SELECT count(*) FROM break_glass_authorization_code WHERE code_hash LIKE 'interrupted-%'",
						Integer.class))
				.isEqualTo(2 * JpaExpiredRows.BATCH_SIZE);
		}
		finally {
			scheduled.start();
		}
	}

	@Test
	void sweepDeletesExpiredTombstonesAndKeepsLiveOnes() {
		AuthorizationCodeStore codes = database.node().getBean(AuthorizationCodeStore.class);
		codes.put(new AuthorizationCode("soon", "data", database.now().plusSeconds(60)));
		codes.put(new AuthorizationCode("later", "data", database.now().plusSeconds(600)));
		codes.redeem("soon");
		codes.redeem("later");
		database.elapse(Duration.ofMinutes(2));
		JpaExpiredRowSweeper sweeper = new JpaExpiredRowSweeper(
				List.of(new JpaAuthorizationCodeStore(database.statements())), Duration.ofMinutes(5));
		// The node's own sweeper may have run meanwhile: what counts is what is left.
		sweeper.sweep();
		assertThat(database.jdbc()
			.queryForList("SELECT code_hash FROM break_glass_authorization_code WHERE redemptions > 0", String.class))
			.containsExactly("later");
		assertThat(codes.redeem("later")).isInstanceOf(Redemption.AlreadyRedeemed.class);
	}

	@Test
	void theScheduledSweeperRunsAtTheConfiguredInterval() {
		database.jdbc()
			.update("INSERT INTO break_glass_authorization_code VALUES ('expired', 'data', now() - INTERVAL '1 second')");
		assertThat(database.node().getBean(JpaExpiredRowSweeper.class).isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database.jdbc()
				.queryForObject("SELECT count(*) FROM break_glass_authorization_code", Integer.class) == 0);
	}

}
