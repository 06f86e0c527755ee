package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.TokenKind;
import dev.breakglass.test.Race;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JpaExpiredRowSweeperTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase("break-glass.jpa.sweep-cron=* * * * * *");

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
				database.statements(), JpaExpiredRowSweeper.DISABLED);
		assertThat(sweeper.sweep()).hasValue(expired + 2);
		assertThat(sweeper.sweep()).hasValue(0);
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
				List.of(new JpaAuthorizationCodeStore(database.statements())), database.statements(),
				JpaExpiredRowSweeper.DISABLED);
		// The node's own sweeper may have run meanwhile: what counts is what is left.
		sweeper.sweep();
		assertThat(database.jdbc()
			.queryForList("SELECT code_hash FROM break_glass_authorization_code WHERE redemptions > 0", String.class))
			.containsExactly("later");
		assertThat(codes.redeem("later")).isInstanceOf(Redemption.AlreadyRedeemed.class);
	}

	@Test
	void theScheduledSweeperRunsOnItsCronSchedule() {
		database.jdbc()
			.update("INSERT INTO break_glass_authorization_code VALUES ('expired', 'data', now() - INTERVAL '1 second')");
		assertThat(database.node().getBean(JpaExpiredRowSweeper.class).isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database.jdbc()
				.queryForObject("SELECT count(*) FROM break_glass_authorization_code", Integer.class) == 0);
	}

	@Test
	void aNodeSkipsItsSweepWhileAnotherNodeSweepsTheSameSchema() throws Exception {
		// the context's own sweeper would take the lock now and then
		JpaExpiredRowSweeper scheduled = database.node().getBean(JpaExpiredRowSweeper.class);
		scheduled.stop();
		try {
			aNodeSkipsItsSweepWhileAnotherNodeSweepsTheSameSchemaWhileTheScheduleIsStopped();
		}
		finally {
			scheduled.start();
		}
	}

	private void aNodeSkipsItsSweepWhileAnotherNodeSweepsTheSameSchemaWhileTheScheduleIsStopped() throws Exception {
		ConfigurableApplicationContext other = database.startNode("break-glass.jpa.sweep-cron=-");
		CountDownLatch sweeping = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		JpaExpiringStore slow = (gentleFor) -> {
			sweeping.countDown();
			awaitQuietly(release);
			return 0;
		};
		JpaExpiredRowSweeper first = new JpaExpiredRowSweeper(List.of(slow), database.statements(),
				JpaExpiredRowSweeper.DISABLED);
		JpaExpiredRowSweeper second = new JpaExpiredRowSweeper(
				List.of(new JpaAuthorizationCodeStore(other.getBean(JpaStatements.class))),
				other.getBean(JpaStatements.class), JpaExpiredRowSweeper.DISABLED);
		database.jdbc()
			.update("INSERT INTO break_glass_authorization_code VALUES ('skipped', 'data', now() - INTERVAL '1 second')");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<OptionalInt> firstSweep = executor.submit(first::sweep);
			assertThat(sweeping.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(second.sweep()).isEmpty();
			release.countDown();
			assertThat(firstSweep.get(10, TimeUnit.SECONDS)).hasValue(0);
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
		// the lock ended with the first sweep, and the row the second one skipped is
		// still there for it
		assertThat(database.jdbc()
			.queryForObject("SELECT count(*) FROM break_glass_authorization_code WHERE code_hash = 'skipped'",
					Integer.class))
			.isOne();
		assertThat(second.sweep()).isPresent();
	}

	@Test
	void twoNodesRacingToSweepNeverSweepAtOnce() throws Exception {
		// the context's own sweeper would take the lock now and then
		JpaExpiredRowSweeper scheduled = database.node().getBean(JpaExpiredRowSweeper.class);
		scheduled.stop();
		try {
			twoNodesRacingToSweepNeverSweepAtOnceWhileTheScheduleIsStopped();
		}
		finally {
			scheduled.start();
		}
	}

	private void twoNodesRacingToSweepNeverSweepAtOnceWhileTheScheduleIsStopped() throws Exception {
		ConfigurableApplicationContext other = database.startNode("break-glass.jpa.sweep-cron=-");
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		JpaExpiringStore recording = (gentleFor) -> {
			mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inside.decrementAndGet();
			return 0;
		};
		List<JpaExpiredRowSweeper> nodes = List.of(
				new JpaExpiredRowSweeper(List.of(recording), database.statements(), JpaExpiredRowSweeper.DISABLED),
				new JpaExpiredRowSweeper(List.of(recording), other.getBean(JpaStatements.class),
						JpaExpiredRowSweeper.DISABLED));
		int swept = 0;
		int skipped = 0;
		try (Race race = new Race(8)) {
			for (int round = 0; round < 25; round++) {
				for (OptionalInt sweep : race.run((thread) -> nodes.get(thread % 2)::sweep)) {
					if (sweep.isPresent()) {
						swept++;
					}
					else {
						skipped++;
					}
				}
			}
		}
		assertThat(mostAtOnce).hasValue(1);
		// each round's eight sweeps start together: one holds the lock while the rest
		// skip, and some rounds see more than one sweep in turn
		assertThat(swept).isGreaterThanOrEqualTo(25);
		assertThat(skipped).isPositive();
		assertThat(swept + skipped).isEqualTo(8 * 25);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
