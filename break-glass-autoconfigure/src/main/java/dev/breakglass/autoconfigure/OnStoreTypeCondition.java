package dev.breakglass.autoconfigure;

import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.StoreType;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnStoreType}.
 */
class OnStoreTypeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		MergedAnnotation<ConditionalOnStoreType> annotation = metadata.getAnnotations()
			.get(ConditionalOnStoreType.class);
		StoreType type = annotation.getEnum("value", StoreType.class);
		BreakGlassStore[] stores = annotation.getEnumArray("store", BreakGlassStore.class);
		if (stores.length == 0) {
			stores = BreakGlassStore.values();
		}
		Binder binder = Binder.get(context.getEnvironment());
		for (BreakGlassStore store : stores) {
			StoreSelection selection = StoreSelection.of(store, binder);
			if (selection.type() == type) {
				return ConditionOutcome.match(store.key() + " resolves to " + type + " by " + selection.property());
			}
		}
		return ConditionOutcome.noMatch("no store resolves to " + type);
	}

}
