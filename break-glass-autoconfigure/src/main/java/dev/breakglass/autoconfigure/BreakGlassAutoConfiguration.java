package dev.breakglass.autoconfigure;

import java.time.Clock;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import dev.breakglass.actuate.BreakGlassAuditTrail;
import dev.breakglass.security.SecurityContextBreakGlassCaller;
import dev.breakglass.service.BreakGlassApprovalSender;
import dev.breakglass.service.BreakGlassApprovals;
import dev.breakglass.service.BreakGlassAuditLog;
import dev.breakglass.service.BreakGlassCaller;
import dev.breakglass.service.BreakGlassJustification;
import dev.breakglass.service.BreakGlassLimits;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.LoggingApprovalSender;
import dev.breakglass.service.LoggingOtpSender;
import dev.breakglass.service.OtpSender;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.StoreType;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the break-glass service. Runs after every backend's
 * auto-configuration, so that a store no backend could serve stops start-up with a
 * message naming its property, instead of silently falling back to another backend.
 */
@AutoConfiguration(after = { BreakGlassMemoryAutoConfiguration.class, BreakGlassJpaAutoConfiguration.class,
		BreakGlassRedisAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BreakGlassProperties.class)
@Import(BreakGlassClockConfiguration.class)
public final class BreakGlassAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OtpSender breakGlassOtpSender(OtpStore otpStore, BreakGlassProperties properties, Environment environment) {
		// The OTP store is asked for first: a store that cannot be built (no backend, no
		// secret) is the first thing to fix. OTPs in the log are fine in one JVM on a
		// developer's machine and a leak wherever the log is shipped, so a shared backend
		// has to opt in.
		StoreType otpStoreType = StoreSelection.of(BreakGlassStore.OTP, Binder.get(environment)).type();
		if (otpStoreType != StoreType.MEMORY && !properties.getOtp().isLogOtp()) {
			throw new LoggingOtpSenderNotAllowedException(otpStoreType);
		}
		return new LoggingOtpSender();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("break-glass.approval.required")
	BreakGlassApprovalSender breakGlassApprovalSender(OtpStore otpStore, BreakGlassProperties properties,
			Environment environment) {
		// the same rule as for the OTP: whoever reads the log can approve
		StoreType otpStoreType = StoreSelection.of(BreakGlassStore.OTP, Binder.get(environment)).type();
		if (otpStoreType != StoreType.MEMORY && !properties.getOtp().isLogOtp()) {
			throw new LoggingOtpSenderNotAllowedException(otpStoreType, "BreakGlassApprovalSender", "approval tokens");
		}
		return new LoggingApprovalSender();
	}

	@Bean
	@ConditionalOnMissingBean
	BreakGlassService breakGlassService(OtpStore otpStore, BreakGlassTokenStore tokenStore, OtpSender otpSender,
			ApplicationEventPublisher events, Clock clock, AttemptCounterStore attemptCounterStore,
			BreakGlassProperties properties, BreakGlassCaller caller,
			ObjectProvider<AuthorizationCodeStore> authorizationCodes,
			ObjectProvider<BreakGlassApprovalSender> approvalSender) {
		BreakGlassProperties.Limits limits = properties.getLimits();
		if (limits.getRequests() < limits.getRequestsPerRequester()) {
			throw new InvalidConfigurationPropertyValueException("break-glass.limits.requests", limits.getRequests(),
					"It must be at least break-glass.limits.requests-per-requester (" + limits.getRequestsPerRequester()
							+ "), or one requester could use up every request.");
		}
		return new BreakGlassService(otpStore, tokenStore, otpSender, events, clock, properties.getOtp().getTtl(),
				properties.getSessionToken().getTtl(),
				new BreakGlassLimits(attemptCounterStore, limits.getRequestsPerRequester(), limits.getRequests(),
						limits.getWindow(), limits.getFailedOpens(), limits.getLockout(),
						limits.getLockAfterFailures()),
				caller, justification(properties.getJustification().getPattern()),
				approvals(properties.getApproval(), authorizationCodes, approvalSender));
	}

	private static BreakGlassApprovals approvals(BreakGlassProperties.Approval approval,
			ObjectProvider<AuthorizationCodeStore> authorizationCodes,
			ObjectProvider<BreakGlassApprovalSender> approvalSender) {
		if (!approval.isRequired()) {
			return BreakGlassApprovals.none();
		}
		return new BreakGlassApprovals(authorizationCodes.getObject(), approvalSender.getObject(),
				approval.getTimeout());
	}

	private static BreakGlassJustification justification(@Nullable String pattern) {
		if (!StringUtils.hasText(pattern)) {
			return BreakGlassJustification.any();
		}
		try {
			return BreakGlassJustification.matching(Pattern.compile(pattern));
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException("break-glass.justification.pattern", pattern,
					"It must be a java.util.regex pattern: " + ex.getDescription() + " near index " + ex.getIndex()
							+ ".");
		}
	}

	/**
	 * With no Spring Security, nobody is signed in as far as break-glass can tell: the
	 * seed's shared flow. An application with another source of identity defines a
	 * {@link BreakGlassCaller} bean.
	 * @return the caller
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
	BreakGlassCaller breakGlassCaller() {
		return BreakGlassCaller.none();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityContextHolder.class)
	static class SpringSecurityCallerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BreakGlassCaller breakGlassCaller() {
			return new SecurityContextBreakGlassCaller();
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "break-glass.audit.enabled", matchIfMissing = true)
	BreakGlassAuditLog breakGlassAuditLog() {
		return new BreakGlassAuditLog();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(AuditTrailStore.class)
	@ConditionalOnBooleanProperty(name = "break-glass.audit.trail", matchIfMissing = true)
	BreakGlassAuditTrail breakGlassAuditTrail(AuditTrailStore store, BreakGlassProperties properties) {
		return new BreakGlassAuditTrail(store, properties.getAudit().isRequired());
	}

	@Bean
	@ConditionalOnBooleanProperty(AuditTrailRequirement.PROPERTY)
	static AuditTrailRequirement breakGlassAuditTrailRequirement(ListableBeanFactory beanFactory) {
		return new AuditTrailRequirement(beanFactory);
	}

	@Bean
	static BreakGlassStoresReport breakGlassStoresReport(ListableBeanFactory beanFactory, Environment environment) {
		return new BreakGlassStoresReport(beanFactory, environment);
	}

	// A store still missing here was selected with a backend that could not serve it.

	@Bean
	@ConditionalOnMissingBean
	BreakGlassTokenStore breakGlassTokenStore(Environment environment) {
		throw StoreBackendUnavailableException.of(BreakGlassStore.SESSION_TOKEN, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	OtpStore breakGlassOtpStore(Environment environment) {
		throw StoreBackendUnavailableException.of(BreakGlassStore.OTP, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	AttemptCounterStore breakGlassAttemptCounterStore(Environment environment) {
		// The limits live on the OTP store's backend. An application that brings its own
		// OtpStore for a backend the starter cannot serve brings its own counters too:
		// limits are never dropped silently.
		throw StoreBackendUnavailableException.of(BreakGlassStore.ATTEMPT_COUNTER, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	AuthorizationCodeStore breakGlassAuthorizationCodeStore(Environment environment) {
		throw StoreBackendUnavailableException.of(BreakGlassStore.AUTHORIZATION_CODE, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	MetadataCache breakGlassMetadataCache(Environment environment) {
		throw StoreBackendUnavailableException.of(BreakGlassStore.METADATA_CACHE, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	OneTimeTokenStore breakGlassOneTimeTokenStore(Environment environment) {
		throw StoreBackendUnavailableException.of(BreakGlassStore.ONE_TIME_TOKEN, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	AuditTrailStore breakGlassAuditTrailStore(Environment environment) {
		throw StoreBackendUnavailableException.of(BreakGlassStore.AUDIT_TRAIL, environment);
	}

}
