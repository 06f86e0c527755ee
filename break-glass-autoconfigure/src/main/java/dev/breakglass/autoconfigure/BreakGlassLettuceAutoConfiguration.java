package dev.breakglass.autoconfigure;

import io.lettuce.core.RedisClient;

import dev.breakglass.store.StoreType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Makes the application's Lettuce client send each command at most once when any store
 * uses the redis backend (see {@link LettuceAtMostOnce}); off with
 * {@code break-glass.redis.at-most-once=false}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
@ConditionalOnClass({ RedisClient.class, LettuceClientOptionsBuilderCustomizer.class })
@ConditionalOnStoreType(StoreType.REDIS)
@ConditionalOnBooleanProperty(name = LettuceAtMostOnce.PROPERTY, matchIfMissing = true)
public final class BreakGlassLettuceAutoConfiguration {

	// First, so that a customizer of the application's that sets the options otherwise
	// comes after it and is caught at start-up, never silently overridden.
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	LettuceClientOptionsBuilderCustomizer breakGlassLettuceAtMostOnce() {
		return LettuceAtMostOnce::apply;
	}

}
