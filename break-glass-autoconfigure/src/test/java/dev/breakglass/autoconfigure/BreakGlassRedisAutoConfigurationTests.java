package dev.breakglass.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.breakglass.service.BreakGlassService;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;
import dev.breakglass.store.redis.RedisAuthorizationCodeStore;
import dev.breakglass.store.redis.RedisBreakGlassTokenStore;
import dev.breakglass.store.redis.RedisMetadataCache;
import dev.breakglass.store.redis.RedisOneTimeTokenStore;
import dev.breakglass.store.redis.RedisOtpStore;
import dev.breakglass.store.redis.RedisTestKeys;
import dev.breakglass.store.redis.RedisTestServer;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static dev.breakglass.test.Requests.REQUEST;

@ExtendWith(OutputCaptureExtension.class)
class BreakGlassRedisAutoConfigurationTests {

	private static final String SECRET = TestSecrets.SECRET;

	private final RedisTestKeys keys = new RedisTestKeys(getClass());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
				BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues(RedisTestServer.springProperties())
		.withPropertyValues("break-glass.secret=" + SECRET, "break-glass.otp.log-otp=true",
				"break-glass.redis.key-prefix=" + this.keys.prefix());

	@AfterEach
	void deleteKeys() {
		this.keys.delete();
	}

	@Test
	void storeSetToRedisThenEveryStoreUsesRedis() {
		this.contextRunner.withPropertyValues("break-glass.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisBreakGlassTokenStore.class)
				.hasSingleBean(RedisOtpStore.class)
				.hasSingleBean(RedisAuthorizationCodeStore.class)
				.hasSingleBean(RedisMetadataCache.class)
				.hasSingleBean(RedisOneTimeTokenStore.class)
				.hasSingleBean(BreakGlassService.class);
			assertThat(context.getBeanNamesForType(BreakGlassTokenStore.class)).containsExactly("breakGlassTokenStore");
			assertThat(context.getBeanNamesForType(OtpStore.class)).containsExactly("breakGlassOtpStore");
			assertThat(context.getBeanNamesForType(AuthorizationCodeStore.class))
				.containsExactly("breakGlassAuthorizationCodeStore");
			assertThat(context.getBeanNamesForType(MetadataCache.class)).containsExactly("breakGlassMetadataCache");
			assertThat(context.getBeanNamesForType(OneTimeTokenStore.class))
				.containsExactly("breakGlassOneTimeTokenStore");
		});
	}

	@Test
	void storesUseTheConfiguredKeyPrefixAndTheServiceWorksEndToEnd() {
		this.contextRunner.withPropertyValues("break-glass.store=redis", "break-glass.otp.length=8")
			.withBean(StoreTestSupport.RecordingSender.class, StoreTestSupport.RecordingSender::new)
			.run((context) -> {
				BreakGlassService service = context.getBean(BreakGlassService.class);
				service.requestOtp(REQUEST);
				String otp = context.getBean(StoreTestSupport.RecordingSender.class).otp;
				assertThat(otp).matches("[0-9]{8}");
				assertThat(this.keys.keys()).filteredOn((key) -> !key.startsWith(this.keys.prefix() + "attempts:"))
					.as("the OTP, and the audit trail's record of the request")
					.containsExactlyInAnyOrder(this.keys.prefix() + "otp", this.keys.prefix() + "audit");
				assertThat(this.keys.keys()).as("the request counters of the requester and of everyone")
					.filteredOn((key) -> key.startsWith(this.keys.prefix() + "attempts:"))
					.hasSize(2);
				String token = service.open(otp).token();
				assertThat(service.authenticate(token)).isPresent();
				String oneTimeToken = context.getBean(OneTimeTokenStore.class)
					.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
				assertThat(this.keys.keys()).filteredOn((key) -> !key.startsWith(this.keys.prefix() + "attempts:"))
					.as("the OTP its open verified is gone")
					.containsExactlyInAnyOrder(this.keys.prefix() + "session-token", this.keys.prefix() + "audit",
							this.keys.prefix() + "ott:" + Secrets.sha256(oneTimeToken));
				assertThat(service.close(token)).isTrue();
			});
	}

	@Test
	void waitForReplicasMakesEveryWriteOfTheSecretStoresWaitButNotTheMetadataCache() {
		// The shared server has no replica, so no write can be acknowledged.
		this.contextRunner
			.withPropertyValues("break-glass.store=redis", "break-glass.redis.wait-for-replicas=1",
					"break-glass.redis.wait-timeout=50ms")
			.run((context) -> {
				String notAcknowledged = "only 0 of 1 replicas acknowledged the write within PT0.05S";
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> context.getBean(BreakGlassTokenStore.class).issue(ATTRIBUTION))
					.withMessageContaining(notAcknowledged);
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> context.getBean(OtpStore.class).verify("123456"))
					.withMessageContaining(notAcknowledged);
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> context.getBean(AuthorizationCodeStore.class).redeem("h"))
					.withMessageContaining(notAcknowledged);
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> context.getBean(OneTimeTokenStore.class)
						.consume(Secrets.newOneTimeToken(), TokenKind.MAGIC_LINK))
					.withMessageContaining(notAcknowledged);
				MetadataCache cache = context.getBean(MetadataCache.class);
				cache.put("https://a.example", Map.of("k", "v"), Instant.now().plusSeconds(60));
				assertThat(cache.get("https://a.example")).contains(Map.of("k", "v"));
			});
	}

	@Test
	void waitForReplicasDefaultsToNoWait() {
		this.contextRunner.withPropertyValues("break-glass.store=redis").run((context) -> {
			BreakGlassProperties.Redis redis = context.getBean(BreakGlassProperties.class).getRedis();
			assertThat(redis.getWaitForReplicas()).isZero();
			assertThat(redis.getWaitTimeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(context.getBean(BreakGlassTokenStore.class).issue(ATTRIBUTION).token()).isNotEmpty();
		});
	}

	@Test
	void negativeWaitForReplicasOrAZeroWaitTimeoutStopsStartUp() {
		this.contextRunner.withPropertyValues("break-glass.store=redis", "break-glass.redis.wait-for-replicas=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("wait-for-replicas must not be negative"));
		this.contextRunner.withPropertyValues("break-glass.store=redis", "break-glass.redis.wait-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("wait-timeout must be at least 1ms"));
	}

	@Test
	void startersTemplateIsItsOwnAndNotABean() {
		this.contextRunner.withPropertyValues("break-glass.store=redis")
			.run((context) -> assertThat(context.getBeansOfType(StringRedisTemplate.class))
				.containsOnlyKeys("stringRedisTemplate"));
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void perStoreSettingSelectsRedisForThatStoreOnly(BreakGlassStore store) {
		this.contextRunner.withPropertyValues("break-glass.store=memory", store.property() + "=redis")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (BreakGlassStore other : BreakGlassStore.values()) {
					assertThat(context.getBean(other.type()).getClass().getPackageName()).as(other.key())
						.isEqualTo(other.property().equals(store.property()) ? "dev.breakglass.store.redis"
								: "dev.breakglass.store.memory");
				}
			});
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void perStoreSettingOverridesRedisForThatStoreOnly(BreakGlassStore store) {
		this.contextRunner.withPropertyValues("break-glass.store=redis", store.property() + "=memory")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (BreakGlassStore other : BreakGlassStore.values()) {
					assertThat(context.getBean(other.type()).getClass().getPackageName()).as(other.key())
						.isEqualTo(other.property().equals(store.property()) ? "dev.breakglass.store.memory"
								: "dev.breakglass.store.redis");
				}
			});
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void userDefinedStoreReplacesTheRedisOne(BreakGlassStore store) {
		Object custom = StoreTestSupport.stubStore(store);
		this.contextRunner.withPropertyValues("break-glass.store=redis")
			.withBean("custom", (Class<Object>) store.type(), () -> custom)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForType(store.type())).containsExactly("custom");
			});
	}

	@Test
	void withoutSpringDataRedisThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("break-glass.store=redis")
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				StoreBackendUnavailableException ex = StoreTestSupport.unavailableCause(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("break-glass.store");
				assertThat(ex).hasMessageStartingWith("break-glass.store is 'redis', but no redis");
			});
	}

	@ParameterizedTest
	@EnumSource(BreakGlassStore.class)
	void withoutAConnectionFactoryThenStartUpFailsNamingTheStoresProperty(BreakGlassStore store) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class,
					BreakGlassLettuceAutoConfiguration.class, BreakGlassRedisAutoConfiguration.class,
					BreakGlassAutoConfiguration.class))
			.withPropertyValues(store.property() + "=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				StoreBackendUnavailableException ex = StoreTestSupport.unavailableCause(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo(store.property());
				// the first of the stores its property moves to redis that is built
				assertThat(Stream.of(BreakGlassStore.values())
					.filter((other) -> other.property().equals(store.property()))
					.map((other) -> store.property() + " is 'redis', but no redis " + other.type().getSimpleName()
							+ " could be configured"))
					.contains(ex.getMessage());
				FailureAnalysis analysis = new StoreBackendUnavailableFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("spring.data.redis.host");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "break-glass.secret=" })
	void redisOtpStoreWithoutASecretStopsStartUpNamingTheProperty(String secret) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
					BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
			.withPropertyValues(RedisTestServer.springProperties())
			.withPropertyValues("break-glass.otp.store=redis", "break-glass.otp.log-otp=true", secret)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingSecretException.class)
					.hasMessage("break-glass.secret is not set, but the OTP store is redis");
				FailureAnalysis analysis = new MissingSecretFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("break-glass.secret").contains("same key");
				assertThat(analysis.getAction()).contains("break-glass.secret")
					.contains("on every node")
					.contains("openssl rand -base64 32");
			});
	}

	@Test
	void loggingOtpSenderOnARedisOtpStoreWithoutOptInStopsStartUpSayingWhatToDefine() {
		this.contextRunner.withPropertyValues("break-glass.otp.store=redis", "break-glass.otp.log-otp=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LoggingOtpSenderNotAllowedFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("redis OTP store");
				assertThat(analysis.getAction()).contains("OtpSender").contains("break-glass.otp.log-otp=true");
				assertThat(StoreTestSupport.stackTrace(context.getStartupFailure())).doesNotContain(SECRET);
			});
	}

	@Test
	void redisOtpStoreWithASecretDoesNotWarn(CapturedOutput output) {
		this.contextRunner.withPropertyValues("break-glass.store=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("break-glass.secret is not set")
				.doesNotContain("memory stores keep their secrets in this JVM only")
				.containsPattern("INFO .*Break-glass stores: session-token=redis, otp=redis, attempt-counter=redis, "
						+ "authorization-code=redis, metadata-cache=redis, one-time-token=redis");
		});
	}

	@Test
	void secretShorterThan32BytesStopsStartUpWithoutShowingIt() {
		// Base64 of 31 random bytes
		String shortSecret = "rlRoy6uMVCuB9Wq4Zx1vE1wEOUEmX1sEQ8Yc8JcnbQ==";
		this.contextRunner.withPropertyValues("break-glass.store=redis", "break-glass.secret=" + shortSecret)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasStackTraceContaining("break-glass.secret")
					.hasStackTraceContaining("at least 32 random bytes")
					.hasStackTraceContaining("openssl rand -base64 32");
				assertThat(StoreTestSupport.stackTrace(context.getStartupFailure())).doesNotContain(shortSecret);
			});
	}

}
