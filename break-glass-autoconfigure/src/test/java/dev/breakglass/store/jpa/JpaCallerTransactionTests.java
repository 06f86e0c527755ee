package dev.breakglass.store.jpa;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside a caller's JPA transaction the stores' statements join it: they commit and roll
 * back with the caller's own work.
 */
class JpaCallerTransactionTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	private TransactionTemplate transaction() {
		return new TransactionTemplate(database.node().getBean(PlatformTransactionManager.class));
	}

	@Test
	void aPutRolledBackByTheCallerIsGone() {
		AuthorizationCodeStore codes = database.node().getBean(AuthorizationCodeStore.class);
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256("rolled back"), "data",
				database.now().plusSeconds(60));
		transaction().executeWithoutResult((status) -> {
			codes.put(code);
			status.setRollbackOnly();
		});
		assertThat(codes.take(code.codeHash())).isEmpty();
	}

	@Test
	void aTakeRolledBackByTheCallerLeavesTheCode() {
		AuthorizationCodeStore codes = database.node().getBean(AuthorizationCodeStore.class);
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256("kept"), "data", database.now().plusSeconds(60));
		codes.put(code);
		transaction().executeWithoutResult((status) -> {
			assertThat(codes.take(code.codeHash())).contains(code);
			status.setRollbackOnly();
		});
		assertThat(codes.take(code.codeHash())).contains(code);
	}

	@Test
	void aConsumeCommittedByTheCallerStaysSpent() {
		OneTimeTokenStore tokens = database.node().getBean(OneTimeTokenStore.class);
		String token = tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
		transaction().executeWithoutResult(
				(status) -> assertThat(tokens.consume(token, TokenKind.MAGIC_LINK)).contains("alice"));
		assertThat(tokens.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

}
