package dev.breakglass.security;

import org.jspecify.annotations.Nullable;

import dev.breakglass.service.BreakGlassService;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.util.Assert;

/**
 * Adds break-glass session authentication to an {@link HttpSecurity}: a request
 * presenting {@code Authorization: BreakGlass <token>} with the active session's token is
 * authenticated as the session's requester, with the authority
 * {@code break-glass.security.authority} (by default
 * {@value BreakGlassAuthenticationProvider#DEFAULT_AUTHORITY}, so that
 * {@code hasRole("BREAK_GLASS")} requires an open session). Any other token answers
 * {@code 401} with {@code WWW-Authenticate: BreakGlass}; a request without the header
 * goes on to the other filters. Spring Security's authentication events are published for
 * success and failure. Requests carrying the header are exempt from CSRF protection, as a
 * browser never adds it on its own.
 * <p>
 * Everything is found in the application context, so one line is enough:
 * <pre class="code">
 * http.with(BreakGlassConfigurer.breakGlass(), Customizer.withDefaults());
 * </pre>
 */
public final class BreakGlassConfigurer extends AbstractHttpConfigurer<BreakGlassConfigurer, HttpSecurity> {

	/**
	 * Property naming the authority an open session grants.
	 */
	public static final String AUTHORITY_PROPERTY = "break-glass.security.authority";

	/**
	 * Property naming the authority a drill's session grants instead.
	 */
	public static final String DRILL_AUTHORITY_PROPERTY = "break-glass.security.drill-authority";

	private @Nullable BreakGlassService service;

	private @Nullable String authority;

	private @Nullable AuthenticationManager authenticationManager;

	private @Nullable AuthenticationEventPublisher authenticationEventPublisher;

	private AuthenticationEntryPoint authenticationEntryPoint = new BreakGlassAuthenticationEntryPoint();

	private final BreakGlassAuthenticationConverter authenticationConverter = new BreakGlassAuthenticationConverter();

	/**
	 * Create a configurer; prefer {@link #breakGlass()}.
	 */
	public BreakGlassConfigurer() {
	}

	/**
	 * Create a configurer that finds everything it needs in the application context.
	 * @return a new configurer
	 */
	public static BreakGlassConfigurer breakGlass() {
		return new BreakGlassConfigurer();
	}

	/**
	 * Use this service instead of the application context's.
	 * @param service checks session tokens
	 * @return this configurer
	 */
	public BreakGlassConfigurer service(BreakGlassService service) {
		Assert.notNull(service, "service must not be null");
		this.service = service;
		return this;
	}

	/**
	 * Grant this authority instead of {@code break-glass.security.authority}.
	 * @param authority the authority, such as {@code ROLE_BREAK_GLASS}
	 * @return this configurer
	 */
	public BreakGlassConfigurer authority(String authority) {
		Assert.hasText(authority, "authority must not be empty");
		this.authority = authority;
		return this;
	}

	/**
	 * Authenticate with this manager instead of one made of a
	 * {@link BreakGlassAuthenticationProvider}; it must support
	 * {@link BreakGlassAuthenticationToken}.
	 * @param authenticationManager the manager
	 * @return this configurer
	 */
	public BreakGlassConfigurer authenticationManager(AuthenticationManager authenticationManager) {
		Assert.notNull(authenticationManager, "authenticationManager must not be null");
		this.authenticationManager = authenticationManager;
		return this;
	}

	/**
	 * Publish authentication events with this publisher instead of the application
	 * context's {@link AuthenticationEventPublisher} (or a
	 * {@link DefaultAuthenticationEventPublisher} when it has none).
	 * @param authenticationEventPublisher the publisher
	 * @return this configurer
	 */
	public BreakGlassConfigurer authenticationEventPublisher(
			AuthenticationEventPublisher authenticationEventPublisher) {
		Assert.notNull(authenticationEventPublisher, "authenticationEventPublisher must not be null");
		this.authenticationEventPublisher = authenticationEventPublisher;
		return this;
	}

	/**
	 * Answer failed authentications with this entry point instead of a
	 * {@link BreakGlassAuthenticationEntryPoint}.
	 * @param authenticationEntryPoint the entry point
	 * @return this configurer
	 */
	public BreakGlassConfigurer authenticationEntryPoint(AuthenticationEntryPoint authenticationEntryPoint) {
		Assert.notNull(authenticationEntryPoint, "authenticationEntryPoint must not be null");
		this.authenticationEntryPoint = authenticationEntryPoint;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers((request) -> this.authenticationConverter.convert(request) != null);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		BreakGlassAuthenticationFilter filter = new BreakGlassAuthenticationFilter(authenticationManager(http),
				this.authenticationEntryPoint);
		filter.setAuthenticationConverter(this.authenticationConverter);
		filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
		http.addFilterBefore(postProcess(filter), BasicAuthenticationFilter.class);
	}

	private AuthenticationManager authenticationManager(HttpSecurity http) {
		if (this.authenticationManager != null) {
			return this.authenticationManager;
		}
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		BreakGlassService service = (this.service != null) ? this.service : context.getBean(BreakGlassService.class);
		ProviderManager manager = new ProviderManager(
				new BreakGlassAuthenticationProvider(service, authority(context), drillAuthority(context)));
		manager.setAuthenticationEventPublisher(authenticationEventPublisher(context));
		return postProcess(manager);
	}

	private String authority(ApplicationContext context) {
		if (this.authority != null) {
			return this.authority;
		}
		return Binder.get(context.getEnvironment())
			.bind(AUTHORITY_PROPERTY, String.class)
			.orElse(BreakGlassAuthenticationProvider.DEFAULT_AUTHORITY);
	}

	private static String drillAuthority(ApplicationContext context) {
		return Binder.get(context.getEnvironment())
			.bind(DRILL_AUTHORITY_PROPERTY, String.class)
			.orElse(BreakGlassAuthenticationProvider.DEFAULT_DRILL_AUTHORITY);
	}

	private AuthenticationEventPublisher authenticationEventPublisher(ApplicationContext context) {
		if (this.authenticationEventPublisher != null) {
			return this.authenticationEventPublisher;
		}
		return context.getBeanProvider(AuthenticationEventPublisher.class)
			.getIfUnique(() -> new DefaultAuthenticationEventPublisher(context));
	}

}
