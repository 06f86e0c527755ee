package dev.breakglass.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.StoreType;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when a store is configured to use a backend.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnStoreTypeCondition.class)
@interface ConditionalOnStoreType {

	StoreType value();

	/**
	 * The stores, any of which must use the backend; all stores when empty.
	 */
	BreakGlassStore[] store() default {};

}
