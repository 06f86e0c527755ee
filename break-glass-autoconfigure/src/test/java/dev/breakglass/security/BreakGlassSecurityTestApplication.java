package dev.breakglass.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.OtpSender;
import dev.breakglass.test.MutableClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web app protecting {@code /admin} with break-glass, next to HTTP basic for an
 * ordinary user, as an application would write it.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
		SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class, DataRedisAutoConfiguration.class,
		BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
		BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class })
@EnableWebSecurity
class BreakGlassSecurityTestApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("BREAK_GLASS")
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			.with(BreakGlassConfigurer.breakGlass(), Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}operator-password").roles("USER").build());
	}

	@Bean
	MutableClock breakGlassClock() {
		return new MutableClock(Clock.systemUTC().instant());
	}

	@Bean
	SentOtps sentOtps() {
		return new SentOtps();
	}

	@Bean
	AuthenticationEvents authenticationEvents() {
		return new AuthenticationEvents();
	}

	@RestController
	static class AdminController {

		@GetMapping("/public")
		String publicPage() {
			return "public";
		}

		@GetMapping("/me")
		String me(Authentication authentication) {
			return authentication.getName();
		}

		@GetMapping("/admin")
		Map<String, Object> admin(Authentication authentication) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("name", authentication.getName());
			body.put("authorities",
					authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
			body.put("details", authentication.getDetails());
			body.put("credentials", String.valueOf(authentication.getCredentials()));
			return body;
		}

		@GetMapping("/responder")
		List<String> responder(Authentication authentication) {
			return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		}

		@PostMapping("/admin")
		String post(Authentication authentication) {
			return "posted by " + authentication.getName();
		}

	}

	/**
	 * The OTPs the app sent, as the operator would read them.
	 */
	static class SentOtps implements OtpSender {

		private final List<String> otps = new CopyOnWriteArrayList<>();

		@Override
		public void send(String otp, Instant expiresAt, BreakGlassRequest request) {
			this.otps.add(otp);
		}

		String last() {
			return this.otps.get(this.otps.size() - 1);
		}

	}

	/**
	 * Spring Security's authentication events, as published.
	 */
	static class AuthenticationEvents implements ApplicationListener<AbstractAuthenticationEvent> {

		private final List<AbstractAuthenticationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AbstractAuthenticationEvent event) {
			this.events.add(event);
		}

		List<AbstractAuthenticationEvent> all() {
			return new ArrayList<>(this.events);
		}

		void clear() {
			this.events.clear();
		}

	}

}
