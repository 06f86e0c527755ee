package dev.breakglass.autoconfigure;

import java.time.Clock;

import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.StoreType;
import dev.breakglass.store.redis.RedisAttemptCounterStore;
import dev.breakglass.store.redis.RedisAuditTrailStore;
import dev.breakglass.store.redis.RedisAuthorizationCodeStore;
import dev.breakglass.store.redis.RedisBreakGlassTokenStore;
import dev.breakglass.store.redis.RedisMetadataCache;
import dev.breakglass.store.redis.RedisOneTimeTokenStore;
import dev.breakglass.store.redis.RedisOtpStore;
import dev.breakglass.store.redis.RedisReplicaAcknowledgement;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the stores that use the redis backend, on the application's
 * {@link RedisConnectionFactory}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnStoreType(StoreType.REDIS)
@EnableConfigurationProperties(BreakGlassProperties.class)
@Import(BreakGlassClockConfiguration.class)
public final class BreakGlassRedisAutoConfiguration {

	private static final String LETTUCE_CLIENT = "io.lettuce.core.RedisClient";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.SESSION_TOKEN)
	BreakGlassTokenStore breakGlassTokenStore(RedisConnectionFactory redisConnectionFactory, Clock breakGlassClock,
			BreakGlassProperties properties) {
		return new RedisBreakGlassTokenStore(template(redisConnectionFactory, properties), keyPrefix(properties),
				SecretKeys.sessionToken(properties, StoreType.REDIS), breakGlassClock,
				properties.getSessionToken().lifetime(), acknowledgement(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.OTP)
	OtpStore breakGlassOtpStore(RedisConnectionFactory redisConnectionFactory, BreakGlassProperties properties) {
		BreakGlassProperties.Otp otp = properties.getOtp();
		return new RedisOtpStore(template(redisConnectionFactory, properties), keyPrefix(properties),
				SecretKeys.otp(properties, StoreType.REDIS), otp.getTtl(), otp.getLength(),
				acknowledgement(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.ATTEMPT_COUNTER)
	AttemptCounterStore breakGlassAttemptCounterStore(RedisConnectionFactory redisConnectionFactory,
			BreakGlassProperties properties) {
		return new RedisAttemptCounterStore(template(redisConnectionFactory, properties), keyPrefix(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.AUTHORIZATION_CODE)
	AuthorizationCodeStore breakGlassAuthorizationCodeStore(RedisConnectionFactory redisConnectionFactory,
			Clock breakGlassClock, BreakGlassProperties properties) {
		return new RedisAuthorizationCodeStore(template(redisConnectionFactory, properties), keyPrefix(properties),
				breakGlassClock, acknowledgement(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.METADATA_CACHE)
	MetadataCache breakGlassMetadataCache(RedisConnectionFactory redisConnectionFactory, Clock breakGlassClock,
			BreakGlassProperties properties) {
		return new RedisMetadataCache(template(redisConnectionFactory, properties), keyPrefix(properties),
				breakGlassClock);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.ONE_TIME_TOKEN)
	OneTimeTokenStore breakGlassOneTimeTokenStore(RedisConnectionFactory redisConnectionFactory,
			BreakGlassProperties properties) {
		return new RedisOneTimeTokenStore(template(redisConnectionFactory, properties), keyPrefix(properties),
				acknowledgement(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.REDIS, store = BreakGlassStore.AUDIT_TRAIL)
	AuditTrailStore breakGlassAuditTrailStore(RedisConnectionFactory redisConnectionFactory,
			BreakGlassProperties properties) {
		return new RedisAuditTrailStore(template(redisConnectionFactory, properties), keyPrefix(properties),
				SecretKeys.auditTrail(properties, StoreType.REDIS), acknowledgement(properties));
	}

	/**
	 * A template of the starter's own, so that whatever the application does to its
	 * templates (serializers, transactions) cannot change how the stores talk to Redis.
	 * Every store is built on one, so the client is checked before any store uses it.
	 */
	private static StringRedisTemplate template(RedisConnectionFactory redisConnectionFactory,
			BreakGlassProperties properties) {
		if (properties.getRedis().isAtMostOnce() && ClassUtils.isPresent(LETTUCE_CLIENT, null)) {
			LettuceAtMostOnce.check(redisConnectionFactory);
		}
		return new StringRedisTemplate(redisConnectionFactory);
	}

	private static String keyPrefix(BreakGlassProperties properties) {
		return properties.getRedis().getKeyPrefix();
	}

	/**
	 * The metadata cache does not wait: it holds no secret, and a lost write only costs a
	 * fetch.
	 */
	private static RedisReplicaAcknowledgement acknowledgement(BreakGlassProperties properties) {
		BreakGlassProperties.Redis redis = properties.getRedis();
		return new RedisReplicaAcknowledgement(redis.getWaitForReplicas(), redis.getWaitTimeout());
	}

}
