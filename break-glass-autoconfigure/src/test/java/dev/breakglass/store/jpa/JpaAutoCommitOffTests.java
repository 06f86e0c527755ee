package dev.breakglass.store.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import dev.breakglass.test.Race;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * Two application contexts whose pools have auto-commit off, on one schema: what one node
 * writes outside any transaction is committed, and what it consumes is spent for the
 * other, once and never twice.
 */
class JpaAutoCommitOffTests {

	private static final int ROUNDS = 50;

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

	private static ApplicationContext nodeA;

	private static ApplicationContext nodeB;

	@BeforeAll
	static void startSecondNode() {
		nodeA = database.node();
		nodeB = database.startNode();
	}

	private static <T> T on(int node, Class<T> type) {
		return ((node % 2 == 0) ? nodeA : nodeB).getBean(type);
	}

	@Test
	void thePoolHasAutoCommitOffAndNoLockTimeoutIsLeftOnItsConnections() throws Exception {
		OtpStore otps = on(0, OtpStore.class);
		otps.verify(otps.generate(ATTRIBUTION)).verification();
		DataSource dataSource = nodeA.getBean(DataSource.class);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			assertThat(connection.getAutoCommit()).isFalse();
			try (ResultSet rows = statement.executeQuery("SHOW lock_timeout")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("0");
			}
			connection.rollback();
		}
	}

	@Test
	void writesOutsideATransactionAreCommitted() {
		on(0, OneTimeTokenStore.class).issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		on(0, AuthorizationCodeStore.class)
			.put(new AuthorizationCode(Secrets.sha256("code"), "data", database.now().plusSeconds(60)));
		on(0, OtpStore.class).generate(ATTRIBUTION);
		on(0, BreakGlassTokenStore.class).issue(ATTRIBUTION).token();
		on(0, MetadataCache.class).put("https://client.example/metadata", Map.of("client_name", "Example"),
				database.now().plusSeconds(60));
		// read through a connection of its own, outside the nodes' pools
		assertThat(database.dump()).hasSize(5);
	}

	@Test
	void aTokenIssuedOnOneNodeIsConsumedOnTheOtherOnce() {
		String token = on(0, OneTimeTokenStore.class).issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		assertThat(on(1, OneTimeTokenStore.class).consume(token, TokenKind.MAGIC_LINK)).contains("alice");
		assertThat(on(0, OneTimeTokenStore.class).consume(token, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(on(1, OneTimeTokenStore.class).consume(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

	@Test
	void aCodePutOnOneNodeIsTakenOnTheOtherOnce() {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256("code"), "data", database.now().plusSeconds(60));
		on(0, AuthorizationCodeStore.class).put(code);
		assertThat(on(1, AuthorizationCodeStore.class).take(code.codeHash())).contains(code);
		assertThat(on(0, AuthorizationCodeStore.class).take(code.codeHash())).isEmpty();
		assertThat(on(1, AuthorizationCodeStore.class).take(code.codeHash())).isEmpty();
	}

	@Test
	void anOtpGeneratedOnOneNodeIsVerifiedOnTheOtherOnce() {
		String code = on(0, OtpStore.class).generate(ATTRIBUTION);
		assertThat(on(1, OtpStore.class).verify(code).verification()).isEqualTo(OtpVerification.VALID);
		assertThat(on(0, OtpStore.class).verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		assertThat(on(1, OtpStore.class).verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void aSessionTokenIssuedOnOneNodeIsRevokedOnTheOtherOnce() {
		String token = on(0, BreakGlassTokenStore.class).issue(ATTRIBUTION).token();
		assertThat(on(1, BreakGlassTokenStore.class).lookup(token).map(ActiveToken::issuedAt)).isPresent();
		assertThat(on(1, BreakGlassTokenStore.class).revoke(token)).isTrue();
		assertThat(on(0, BreakGlassTokenStore.class).revoke(token)).isFalse();
		assertThat(on(0, BreakGlassTokenStore.class).lookup(token).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void racingConsumesOnBothNodesHaveOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String token = on(round, OneTimeTokenStore.class).issue("user", TokenKind.MAGIC_LINK,
						Duration.ofMinutes(5));
				List<Optional<String>> results = race
					.run((i) -> () -> on(i, OneTimeTokenStore.class).consume(token, TokenKind.MAGIC_LINK));
				assertThat(results).as("round %d", round).filteredOn(Optional::isPresent).hasSize(1);
			}
		}
	}

	@Test
	void racingTakesOnBothNodesHaveOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "r" + round,
						database.now().plusSeconds(60));
				on(round, AuthorizationCodeStore.class).put(code);
				List<Optional<AuthorizationCode>> results = race
					.run((i) -> () -> on(i, AuthorizationCodeStore.class).take(code.codeHash()));
				assertThat(results).as("round %d", round).filteredOn(Optional::isPresent).hasSize(1);
			}
		}
	}

	@Test
	void racingVerificationsOnBothNodesHaveOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String code = on(round, OtpStore.class).generate(ATTRIBUTION);
				List<OtpVerification> results = race
					.run((i) -> () -> on(i, OtpStore.class).verify(code).verification());
				assertThat(results).as("round %d", round).containsOnlyOnce(OtpVerification.VALID);
			}
		}
	}

	@Test
	void racingRevokesOnBothNodesHaveOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String token = on(round, BreakGlassTokenStore.class).issue(ATTRIBUTION).token();
				List<Boolean> results = race.run((i) -> () -> on(i, BreakGlassTokenStore.class).revoke(token));
				assertThat(results).as("round %d", round).containsOnlyOnce(true);
			}
		}
	}

}
