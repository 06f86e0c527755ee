package dev.breakglass.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassJpaAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassProperties;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.JustificationRejectedException;
import dev.breakglass.service.LoggingApprovalSender;
import dev.breakglass.store.SessionLifetime;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's YAML for jpa and redis, copied as written, with {@code BREAK_GLASS_SECRET}
 * unset: the application refuses to start and says which property to set and how to make
 * a value. Its {@code ${BREAK_GLASS_SECRET:}} must never leave the literal placeholder as
 * the key.
 */
class ReadmeYamlTests {

	private static final Path README = Path.of("../../README.md");

	private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

	@Test
	void theJpaYamlRefusesToStartWithoutTheSecret() throws IOException {
		// the starter's migration is turned off, so that failing to start leaves the
		// database as it was
		runner(yamlWith("store: jpa"))
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
							TransactionAutoConfiguration.class, BreakGlassJpaAutoConfiguration.class))
			.withPropertyValues("break-glass.jpa.migrate=false")
			.run((context) -> assertRefusedForTheSecret(context.getStartupFailure()));
	}

	@Test
	void theRedisYamlRefusesToStartWithoutTheSecret() throws IOException {
		runner(yamlWith("store: redis"))
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					BreakGlassLettuceAutoConfiguration.class, BreakGlassRedisAutoConfiguration.class))
			.run((context) -> assertRefusedForTheSecret(context.getStartupFailure()));
	}

	@Test
	void theJustificationYamlRefusesAReasonWithoutATicketIdNamingThePatternAndSetsTheIdleTimeout() throws IOException {
		runner(yamlBlock("justification:")).run((context) -> {
			BreakGlassService service = context.getBean(BreakGlassService.class);
			assertThatExceptionOfType(JustificationRejectedException.class)
				.isThrownBy(() -> service.requestOtp(new BreakGlassRequest("alice", "orders database down")))
				.withMessage("reason must contain a match of the pattern \\b(INC|CHG)-\\d+\\b");
			assertThat(service.requestOtp(new BreakGlassRequest("alice", "INC-4711: orders database down")))
				.isNotNull();
			assertThat(context.getBean(BreakGlassProperties.class).getSessionToken().lifetime())
				.isEqualTo(new SessionLifetime(Duration.ofHours(1), Duration.ofMinutes(15)));
		});
	}

	@Test
	void theApprovalAndDrillYamlStartsAnAppThatWaitsForApproval() throws IOException {
		runner(yamlBlock("approval:")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LoggingApprovalSender.class);
			assertThat(context.getEnvironment().getProperty("break-glass.security.drill-authority"))
				.isEqualTo("ROLE_BREAK_GLASS_DRILL");
			assertThat(context.getBean(BreakGlassService.class).requestOtp(new BreakGlassRequest("alice", "INC-1")))
				.as("when the approval expires")
				.isBefore(Instant.now().plusSeconds(30 * 60 + 1));
		});
	}

	private static void assertRefusedForTheSecret(Throwable failure) {
		assertThat(failure).as("start-up failure").isNotNull();
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		assertThat(String.join("\n", messages)).contains("break-glass.secret is not set");
	}

	private static ApplicationContextRunner runner(String yaml) {
		return new ApplicationContextRunner().withInitializer((context) -> {
			try {
				var sources = context.getEnvironment().getPropertySources();
				// as on a machine where the variable is not set, whatever this one has
				sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
				new YamlPropertySourceLoader().load("README.md", new ByteArrayResource(yaml.getBytes()))
					.forEach(sources::addFirst);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		})
			.withConfiguration(
					AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class));
	}

	private static String yamlWith(String text) throws IOException {
		String yaml = yamlBlock(text);
		assertThat(yaml).contains("secret: ${BREAK_GLASS_SECRET:}");
		return yaml;
	}

	private static String yamlBlock(String text) throws IOException {
		Matcher matcher = YAML_BLOCK.matcher(Files.readString(README));
		List<String> found = new ArrayList<>();
		while (matcher.find()) {
			if (matcher.group(1).contains(text)) {
				found.add(matcher.group(1));
			}
		}
		assertThat(found).as("YAML blocks of README.md with '%s'", text).hasSize(1);
		return found.get(0);
	}

}
