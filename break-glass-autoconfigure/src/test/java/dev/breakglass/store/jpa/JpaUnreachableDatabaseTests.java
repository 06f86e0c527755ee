package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassJpaAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * A database nobody answers at: every operation of every store fails with our exception
 * and its cause, never with an answer.
 */
class JpaUnreachableDatabaseTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
				BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/test",
				"spring.datasource.hikari.connection-timeout=250",
				"spring.datasource.hikari.initialization-fail-timeout=-1",
				"spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
				"spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect", "break-glass.store=jpa",
				"break-glass.jpa.migrate=false", "break-glass.secret=" + JpaDatabase.SECRET,
				"break-glass.otp.log-otp=true");

	@Test
	void everyOperationFailsClosed() {
		this.contextRunner.run((context) -> {
			String token = Secrets.newSessionToken();
			String oneTimeToken = Secrets.newOneTimeToken();
			fails(() -> bean(context, BreakGlassTokenStore.class).issue(ATTRIBUTION).token());
			fails(() -> bean(context, BreakGlassTokenStore.class).lookup(token).map(ActiveToken::issuedAt));
			fails(() -> bean(context, BreakGlassTokenStore.class).revoke(token));
			fails(() -> bean(context, BreakGlassTokenStore.class).clear());
			fails(() -> bean(context, OtpStore.class).generate(ATTRIBUTION));
			fails(() -> bean(context, OtpStore.class).verify("123456").verification());
			fails(() -> bean(context, OtpStore.class).clear());
			fails(() -> bean(context, AuthorizationCodeStore.class)
				.put(new AuthorizationCode("hash", "data", Instant.now().plusSeconds(60))));
			fails(() -> bean(context, AuthorizationCodeStore.class).take("hash"));
			fails(() -> bean(context, MetadataCache.class).put("https://a.example", Map.of(), Instant.now()));
			fails(() -> bean(context, MetadataCache.class).get("https://a.example"));
			fails(() -> bean(context, MetadataCache.class).sweep());
			fails(() -> bean(context, OneTimeTokenStore.class).issue("alice", TokenKind.MAGIC_LINK,
					Duration.ofMinutes(1)));
			fails(() -> bean(context, OneTimeTokenStore.class).consume(oneTimeToken, TokenKind.MAGIC_LINK));
			fails(() -> bean(context, BreakGlassService.class).authenticate(token));
			fails(() -> bean(context, BreakGlassService.class).open("123456"));
		});
	}

	private static <T> T bean(ApplicationContext context, Class<T> type) {
		return context.getBean(type);
	}

	private static void fails(ThrowingCallable call) {
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(call)
			.withMessageStartingWith("PostgreSQL failed to")
			.withCauseInstanceOf(Exception.class);
	}

}
