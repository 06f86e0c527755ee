package dev.breakglass.autoconfigure;

import java.security.SecureRandom;
import java.time.Clock;

import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.StoreType;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.store.memory.InMemoryAuditTrailStore;
import dev.breakglass.store.memory.InMemoryAuthorizationCodeStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryMetadataCache;
import dev.breakglass.store.memory.InMemoryOneTimeTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the stores that use the memory backend.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
@ConditionalOnStoreType(StoreType.MEMORY)
@EnableConfigurationProperties(BreakGlassProperties.class)
@Import(BreakGlassClockConfiguration.class)
public final class BreakGlassMemoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.SESSION_TOKEN)
	BreakGlassTokenStore breakGlassTokenStore(Clock breakGlassClock, BreakGlassProperties properties) {
		return new InMemoryBreakGlassTokenStore(breakGlassClock, properties.getSessionToken().lifetime());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.OTP)
	OtpStore breakGlassOtpStore(Clock breakGlassClock, BreakGlassProperties properties) {
		BreakGlassProperties.Otp otp = properties.getOtp();
		return new InMemoryOtpStore(breakGlassClock, otp.getTtl(), otp.getLength());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.ATTEMPT_COUNTER)
	AttemptCounterStore breakGlassAttemptCounterStore(Clock breakGlassClock) {
		return new InMemoryAttemptCounterStore(breakGlassClock);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.AUTHORIZATION_CODE)
	AuthorizationCodeStore breakGlassAuthorizationCodeStore(Clock breakGlassClock) {
		return new InMemoryAuthorizationCodeStore(breakGlassClock);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.METADATA_CACHE)
	MetadataCache breakGlassMetadataCache(Clock breakGlassClock) {
		return new InMemoryMetadataCache(breakGlassClock);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.ONE_TIME_TOKEN)
	OneTimeTokenStore breakGlassOneTimeTokenStore(Clock breakGlassClock) {
		return new InMemoryOneTimeTokenStore(breakGlassClock);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.MEMORY, store = BreakGlassStore.AUDIT_TRAIL)
	AuditTrailStore breakGlassAuditTrailStore() {
		// one JVM's trail needs no shared key: a random one, which dies with the records
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new InMemoryAuditTrailStore(new AuditChain(new SecretHasher(key)));
	}

}
