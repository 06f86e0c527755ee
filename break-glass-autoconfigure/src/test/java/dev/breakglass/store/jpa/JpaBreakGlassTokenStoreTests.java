package dev.breakglass.store.jpa;

import dev.breakglass.test.TestSecrets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractBreakGlassTokenStoreContractTests;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.SessionLifetime;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

class JpaBreakGlassTokenStoreTests extends AbstractBreakGlassTokenStoreContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected BreakGlassTokenStore createStore(SessionLifetime lifetime) {
		return new JpaBreakGlassTokenStore(database.statements(), TestSecrets.HASHER, lifetime);
	}

	@Override
	protected Instant now() {
		return database.now();
	}

	@Override
	protected void elapse(Duration duration) {
		database.elapse(duration);
	}

	@Test
	void aRowWrittenWithAnUnkeyedHashOfAChosenTokenDoesNotAuthenticate() {
		// whoever can write the table picks a token and stores what the store would store
		BreakGlassTokenStore store = createStore(TTL);
		String chosen = Secrets.newSessionToken();
		database.jdbc()
			.update("INSERT INTO " + database.schema() + ".break_glass_session_token "
					+ "(id, token_hash, issued_at, expires_at, requester, reason) "
					+ "VALUES (TRUE, ?, now(), now() + INTERVAL '1 hour', 'mallory', 'forged')",
					Secrets.sha256(chosen));
		assertThat(store.active()).isPresent();
		assertThat(store.lookup(chosen)).isEmpty();
		assertThat(store.revoke(chosen)).isFalse();
	}

	@Test
	void underAnIdleTimeoutAUseOnOneNodeKeepsTheSessionAliveOnEveryNode() {
		SessionLifetime lifetime = new SessionLifetime(TTL, Duration.ofMinutes(10));
		BreakGlassTokenStore node1 = createStore(lifetime);
		BreakGlassTokenStore node2 = new JpaBreakGlassTokenStore(database.startNode().getBean(JpaStatements.class),
				TestSecrets.HASHER, lifetime);
		String token = node1.issue(ATTRIBUTION).token();
		elapse(Duration.ofMinutes(9));
		assertThat(node2.lookup(token)).isPresent();
		elapse(Duration.ofMinutes(9));
		assertThat(node1.lookup(token)).as("node 2's use started the timeout again").isPresent();
		elapse(Duration.ofMinutes(10));
		assertThat(node2.lookup(token)).isEmpty();
		assertThat(node1.active()).isEmpty();
	}

	/**
	 * The same contract with the pool's auto-commit off.
	 */
	@Nested
	class AutoCommitOff extends AbstractBreakGlassTokenStoreContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected BreakGlassTokenStore createStore(SessionLifetime lifetime) {
			return new JpaBreakGlassTokenStore(database.statements(), TestSecrets.HASHER, lifetime);
		}

		@Override
		protected void elapse(Duration duration) {
			database.elapse(duration);
		}

		@Override
		protected Instant now() {
			return database.now();
		}

	}

}
