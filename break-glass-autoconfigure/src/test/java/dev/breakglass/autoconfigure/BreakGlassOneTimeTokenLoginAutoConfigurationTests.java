package dev.breakglass.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import dev.breakglass.security.BreakGlassOneTimeTokenService;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.TokenKind;
import dev.breakglass.store.memory.InMemoryOneTimeTokenStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.InMemoryOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;

import static org.assertj.core.api.Assertions.assertThat;

class BreakGlassOneTimeTokenLoginAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class,
				BreakGlassAutoConfiguration.class, BreakGlassOneTimeTokenLoginAutoConfiguration.class));

	@Test
	void whenSpringSecurityIsPresentThenTheServiceIsBackedByTheOneTimeTokenStore() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OneTimeTokenService.class)
				.hasSingleBean(BreakGlassOneTimeTokenService.class);
			OneTimeTokenService service = context.getBean(OneTimeTokenService.class);
			OneTimeToken generated = service.generate(new GenerateOneTimeTokenRequest("alice"));
			OneTimeTokenStore store = context.getBean(OneTimeTokenStore.class);
			assertThat(store.consume(generated.getTokenValue(), TokenKind.MAGIC_LINK)).contains("alice");
			assertThat(service.consume(new OneTimeTokenAuthenticationToken(generated.getTokenValue()))).isNull();
		});
	}

	@Test
	void whenSpringSecurityIsAbsentThenNoService() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OneTimeTokenService.class)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(OneTimeTokenStore.class);
			assertThat(context.getBeanNamesForType(BreakGlassOneTimeTokenService.class)).isEmpty();
		});
	}

	@Test
	void whenTheApplicationDefinesAServiceThenItIsUsed() {
		this.contextRunner.withBean("custom", OneTimeTokenService.class, InMemoryOneTimeTokenService::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(OneTimeTokenService.class);
				assertThat(context.getBean(OneTimeTokenService.class)).isInstanceOf(InMemoryOneTimeTokenService.class);
			});
	}

	@Test
	void whenTurnedOffThenNoService() {
		this.contextRunner.withPropertyValues("break-glass.one-time-token.spring-security.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(OneTimeTokenStore.class);
				assertThat(context.getBeanNamesForType(OneTimeTokenService.class)).isEmpty();
			});
	}

	@Test
	void whenBreakGlassIsDisabledThenNoService() {
		this.contextRunner.withPropertyValues("break-glass.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(OneTimeTokenService.class)).isEmpty();
		});
	}

	@Test
	void whenTheOneTimeTokenStoreUsesAnotherBackendThenTheServiceUsesIt() {
		this.contextRunner
			.withBean("custom", OneTimeTokenStore.class, () -> new InMemoryOneTimeTokenStore(Clock.systemUTC()))
			.run((context) -> {
				OneTimeToken generated = context.getBean(OneTimeTokenService.class)
					.generate(new GenerateOneTimeTokenRequest("bob"));
				assertThat(context.getBean("custom", OneTimeTokenStore.class)
					.consume(generated.getTokenValue(), TokenKind.MAGIC_LINK)).contains("bob");
			});
	}

	@Test
	void configurationMetadataDescribesTheProperty() throws IOException {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(json).contains("\"name\": \"break-glass.one-time-token.spring-security.enabled\"")
				.contains("Whether to provide Spring Security's OneTimeTokenService");
		}
	}

}
