package dev.breakglass.sample;

import java.time.Duration;
import java.util.UUID;

import dev.breakglass.security.BreakGlassAuthenticationEntryPoint;
import dev.breakglass.security.BreakGlassConfigurer;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.store.AttemptCounterStore;
import org.springframework.beans.factory.annotation.Value;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ott.GenerateOneTimeTokenFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * Two ways in, each with a filter chain of its own. The JSON API ({@code /break-glass/**}
 * and {@code /admin/**} but the {@code /admin} page) is stateless: HTTP basic as
 * {@code operator} or {@code admin} for asking for an OTP and exchanging it, the session
 * token ({@code Authorization: BreakGlass <token>}, the starter's
 * {@link BreakGlassConfigurer}) for {@code /admin/**} and closing the session; it sets no
 * cookie, so it needs no CSRF token. The pages sign in with a password (form login) or a
 * magic link (Spring Security's one-time-token login on the starter's store), keep their
 * state in the HTTP session and keep CSRF protection. The API refuses bodies larger than
 * {@code sample.api.max-body-size} before parsing them; Spring Security's
 * {@code /ott/generate}, open to anyone, allows {@code sample.magic-links.per-client}
 * requests per client and window and stores tokens only for real users.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	/**
	 * The JSON API: everything under {@code /break-glass/} and {@code /admin/}, but not
	 * the {@code /admin} page (a pattern {@code /admin/**} matches {@code /admin} too).
	 */
	static final RequestMatcher API = new OrRequestMatcher(PATHS.matcher("/break-glass/**"), new AndRequestMatcher(
			PATHS.matcher("/admin/**"), new NegatedRequestMatcher(PATHS.matcher(BreakGlassPages.ADMIN))));

	@Bean
	@Order(1)
	SecurityFilterChain sampleApiSecurityFilterChain(HttpSecurity http,
			@Value("${sample.api.max-body-size:8KB}") DataSize maxBodySize) {
		RequestMatcher closeSession = PATHS.matcher(HttpMethod.DELETE, "/break-glass/session");
		RequestMatcher sessionTokenRoutes = new OrRequestMatcher(PATHS.matcher("/admin/**"), closeSession);
		http.securityMatcher(API)
			.authorizeHttpRequests((requests) -> requests
				// a session closes itself, a drill's too
				.requestMatchers(closeSession)
				.hasAnyRole("BREAK_GLASS", "BREAK_GLASS_DRILL")
				// an open break-glass session: Authorization: BreakGlass <token>; never a
				// drill's
				.requestMatchers(PATHS.matcher("/admin/**"))
				.hasRole("BREAK_GLASS")
				// a user's password: asking for an OTP and exchanging it
				.anyRequest()
				.hasAnyRole("OPERATOR", "ADMIN"))
			.with(BreakGlassConfigurer.breakGlass(), Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			// a body is refused by its declared size before anything parses it
			.addFilterBefore(new RequestBodyLimitFilter(maxBodySize), BasicAuthenticationFilter.class)
			// without credentials, each route names the scheme it wants
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new BreakGlassAuthenticationEntryPoint(), sessionTokenRoutes))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain samplePagesSecurityFilterChain(HttpSecurity http, BreakGlassService breakGlass,
			AttemptCounterStore counters, UserDetailsManager users,
			@Value("${sample.magic-links.per-client:5}") int magicLinksPerClient,
			@Value("${sample.magic-links.window:15m}") Duration magicLinksWindow) {
		http.addFilterBefore(new MagicLinkRequestGuard(counters, users, magicLinksPerClient, magicLinksWindow),
				GenerateOneTimeTokenFilter.class);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(MagicLinkPages.SENT, MagicLinkPages.MAGIC_LINK, "/error", "/sample.css")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage(MagicLinkPages.LOGIN).permitAll())
			// Setting the login page also sets the processing URL to it unless one is
			// given: keep Spring Security's /login/ott.
			.oneTimeTokenLogin((ott) -> ott.loginPage(MagicLinkPages.LOGIN)
				.loginProcessingUrl("/login/ott")
				.showDefaultSubmitPage(false)
				.permitAll())
			// Signing out closes the break-glass session this browser opened.
			.logout((logout) -> logout
				.addLogoutHandler((request, response, authentication) -> BreakGlassPages.close(request, breakGlass))
				.permitAll());
		return http.build();
	}

	/**
	 * Users of the sample: DEVELOPMENT ONLY, documented in the README. {@code operator}
	 * and {@code admin} sign in with a password (pages and HTTP basic); {@code alice}
	 * signs in with a magic link, her password is random and unused.
	 * @return the users
	 */
	@Bean
	InMemoryUserDetailsManager sampleUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}operator-dev-only").roles("OPERATOR").build(),
				User.withUsername("admin").password("{noop}admin-dev-only").roles("ADMIN").build(),
				User.withUsername("alice").password("{noop}" + UUID.randomUUID()).roles("USER").build());
	}

}
