package dev.breakglass.autoconfigure;

import dev.breakglass.actuate.BreakGlassAuditEvents;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of break-glass audit events: when the application has an
 * {@link AuditEventRepository}, each step of the flow also becomes an
 * {@link AuditApplicationEvent}.
 */
@AutoConfiguration(after = BreakGlassAutoConfiguration.class,
		afterName = "org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration")
@ConditionalOnClass(AuditApplicationEvent.class)
@ConditionalOnBean(AuditEventRepository.class)
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
public final class BreakGlassAuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BreakGlassAuditEvents breakGlassAuditEvents(ApplicationEventPublisher publisher) {
		return new BreakGlassAuditEvents(publisher);
	}

}
