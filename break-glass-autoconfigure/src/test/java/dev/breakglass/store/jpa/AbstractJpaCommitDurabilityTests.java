package dev.breakglass.store.jpa;

import dev.breakglass.test.TestSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.TokenKind;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which writes may be lost in a crash of the database server: a trigger on every table
 * records the {@code synchronous_commit} in force in the transaction of each row change,
 * as PostgreSQL sees it. New secrets written alone commit asynchronously; consumes,
 * replacements, removals and writes joined to a caller's transaction commit
 * synchronously, and the asynchronous setting never outlives its own transaction on a
 * pooled connection. Extended once per pool auto-commit setting.
 */
abstract class AbstractJpaCommitDurabilityTests {

	private static final String[] TABLES = { "break_glass_session_token", "break_glass_otp",
			"break_glass_authorization_code", "break_glass_metadata_cache", "break_glass_one_time_token" };

	protected abstract JpaDatabase database();

	@BeforeEach
	void recordTheCommitSettingOfEveryRowChange() {
		database().jdbc().execute("""
				CREATE TABLE IF NOT EXISTS commit_probe (
				    id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, synchronous_commit text NOT NULL)
				""");
		database().jdbc().execute("""
				CREATE OR REPLACE FUNCTION commit_probe_record() RETURNS trigger AS $$
				BEGIN
				    INSERT INTO commit_probe (tbl, op, synchronous_commit)
				    VALUES (TG_TABLE_NAME, TG_OP, current_setting('synchronous_commit'));
				    RETURN NULL;
				END $$ LANGUAGE plpgsql
				""");
		for (String table : TABLES) {
			database().jdbc()
				.execute("CREATE OR REPLACE TRIGGER commit_probe AFTER INSERT OR UPDATE OR DELETE ON " + table
						+ " FOR EACH ROW EXECUTE FUNCTION commit_probe_record()");
		}
		database().jdbc().execute("TRUNCATE commit_probe");
	}

	private <T> T bean(Class<T> type) {
		return database().node().getBean(type);
	}

	/**
	 * The row changes since the last call, each as table, operation and the setting.
	 */
	private List<String> changes() {
		List<String> changes = database().jdbc()
			.queryForList("SELECT tbl || ' ' || op || ' ' || synchronous_commit FROM commit_probe ORDER BY id",
					String.class);
		database().jdbc().execute("TRUNCATE commit_probe");
		return changes;
	}

	private AuthorizationCode newCode() {
		return new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
				database().now().plusSeconds(60));
	}

	@Test
	void oneTimeTokenIssueCommitsAsynchronouslyAndItsConsumeSynchronously() {
		OneTimeTokenStore tokens = bean(OneTimeTokenStore.class);
		String token = tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		assertThat(changes()).containsExactly("break_glass_one_time_token INSERT off");
		assertThat(tokens.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
		assertThat(changes()).containsExactly("break_glass_one_time_token DELETE on");
	}

	@Test
	void authorizationCodePutCommitsAsynchronouslyAndItsTakeAndRedeemSynchronously() {
		AuthorizationCodeStore codes = bean(AuthorizationCodeStore.class);
		AuthorizationCode taken = newCode();
		codes.put(taken);
		assertThat(changes()).containsExactly("break_glass_authorization_code INSERT off");
		assertThat(codes.take(taken.codeHash())).contains(taken);
		assertThat(changes()).containsExactly("break_glass_authorization_code DELETE on");
		AuthorizationCode redeemed = newCode();
		codes.put(redeemed);
		assertThat(changes()).containsExactly("break_glass_authorization_code INSERT off");
		codes.redeem(redeemed.codeHash());
		codes.redeem(redeemed.codeHash());
		assertThat(changes()).containsExactly("break_glass_authorization_code UPDATE on",
				"break_glass_authorization_code UPDATE on");
	}

	@Test
	void metadataPutCommitsAsynchronously() {
		MetadataCache cache = bean(MetadataCache.class);
		cache.put("https://client.example/metadata", Map.of("client_id", "app"), database().now().plusSeconds(60));
		cache.put("https://client.example/metadata", Map.of("client_id", "app2"), database().now().plusSeconds(60));
		assertThat(changes()).containsExactly("break_glass_metadata_cache INSERT off",
				"break_glass_metadata_cache UPDATE off");
	}

	@Test
	void sweepBatchesCommitAsynchronously() {
		MetadataCache cache = bean(MetadataCache.class);
		cache.put("https://client.example/metadata", Map.of("client_id", "app"), database().now().plusSeconds(60));
		database().elapse(Duration.ofMinutes(2));
		changes();
		assertThat(cache.sweep()).isOne();
		assertThat(changes()).containsExactly("break_glass_metadata_cache DELETE off");
	}

	@Test
	void otpGenerateReplacesSynchronouslyAndVerifyAndClearCommitSynchronously() {
		OtpStore otp = bean(OtpStore.class);
		otp.generate(ATTRIBUTION);
		otp.verify(otp.generate(ATTRIBUTION));
		otp.generate(ATTRIBUTION);
		otp.clear();
		assertThat(changes()).isNotEmpty().allSatisfy((change) -> assertThat(change).endsWith(" on"));
	}

	@Test
	void sessionTokenIssueReplacesSynchronouslyAndRevokeAndClearCommitSynchronously() {
		BreakGlassTokenStore sessions = bean(BreakGlassTokenStore.class);
		sessions.issue(ATTRIBUTION);
		sessions.revoke(sessions.issue(ATTRIBUTION).token());
		sessions.issue(ATTRIBUTION);
		sessions.clear();
		assertThat(changes()).isNotEmpty().allSatisfy((change) -> assertThat(change).endsWith(" on"));
	}

	@Test
	void aUseUnderAnIdleTimeoutWritesOnlyWhenItMovesTheDeadlineByAStepAndCommitsAsynchronously() {
		BreakGlassTokenStore sessions = new JpaBreakGlassTokenStore(bean(JpaStatements.class), TestSecrets.HASHER,
				new SessionLifetime(Duration.ofHours(1), Duration.ofMinutes(10)));
		String token = sessions.issue(ATTRIBUTION).token();
		assertThat(sessions.lookup(token)).isPresent();
		database().elapse(Duration.ofMinutes(1));
		changes();
		assertThat(sessions.lookup(token)).isPresent();
		assertThat(sessions.lookup(token)).isPresent();
		assertThat(sessions.lookup(Secrets.newSessionToken())).isEmpty();
		assertThat(changes())
			.as("one write for the use that moved the deadline by a step, none for the others, "
					+ "none for a wrong token")
			.containsExactly("break_glass_session_token UPDATE off");
	}

	@Test
	void newSecretsWrittenInACallersTransactionCommitWithItSynchronously() {
		TransactionTemplate transaction = new TransactionTemplate(bean(PlatformTransactionManager.class));
		transaction.executeWithoutResult((status) -> {
			bean(OneTimeTokenStore.class).issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
			bean(AuthorizationCodeStore.class).put(newCode());
			bean(MetadataCache.class).put("https://client.example/metadata", Map.of("client_id", "app"),
					database().now().plusSeconds(60));
		});
		assertThat(changes()).containsExactly("break_glass_one_time_token INSERT on",
				"break_glass_authorization_code INSERT on", "break_glass_metadata_cache INSERT on");
	}

	@Test
	void asynchronousCommitNeverOutlivesItsTransactionOnAPooledConnection() {
		HikariDataSource nodePool = bean(HikariDataSource.class);
		try (HikariDataSource oneConnection = new HikariDataSource()) {
			oneConnection.setJdbcUrl(nodePool.getJdbcUrl());
			oneConnection.setUsername(nodePool.getUsername());
			oneConnection.setPassword(nodePool.getPassword());
			oneConnection.setAutoCommit(nodePool.isAutoCommit());
			oneConnection.setMaximumPoolSize(1);
			JpaStatements statements = new JpaStatements(bean(EntityManagerFactory.class), oneConnection, true);
			OneTimeTokenStore tokens = new JpaOneTimeTokenStore(statements);
			String token = tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
			tokens.consume(token, TokenKind.MAGIC_LINK);
			new JpaBreakGlassTokenStore(statements, TestSecrets.HASHER, Duration.ofMinutes(5)).issue(ATTRIBUTION);
			assertThat(changes()).containsExactly("break_glass_one_time_token INSERT off",
					"break_glass_one_time_token DELETE on", "break_glass_session_token INSERT on");
			assertThat(statements.queryRow("read the commit setting", "SELECT current_setting('synchronous_commit')",
					(row) -> row.getString(1)))
				.contains("on");
		}
	}

	@Test
	void asyncIssueOffCommitsNewSecretsSynchronously() {
		ConfigurableApplicationContext node = database().startNode("break-glass.jpa.async-issue=false");
		node.getBean(OneTimeTokenStore.class).issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		node.getBean(AuthorizationCodeStore.class).put(newCode());
		node.getBean(MetadataCache.class)
			.put("https://client.example/metadata", Map.of("client_id", "app"), database().now().plusSeconds(60));
		assertThat(changes()).containsExactly("break_glass_one_time_token INSERT on",
				"break_glass_authorization_code INSERT on", "break_glass_metadata_cache INSERT on");
	}

}
