package dev.breakglass.sample;

import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign in with a magic link: Spring Security's one-time-token login, whose tokens the
 * starter keeps in break-glass's one-time token store. The break-glass API keeps working
 * as before: it is open to everyone, authenticates with its own header, and takes JSON
 * without a CSRF token; the pages keep CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/break-glass/**", "/admin/**", "/error")
			.permitAll()
			.requestMatchers(MagicLinkPages.SENT, MagicLinkPages.MAGIC_LINK)
			.permitAll()
			.anyRequest()
			.authenticated())
			// A script's JSON API with a header of its own: no cookie, so no CSRF to
			// guard against.
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/break-glass/**", "/admin/**"))
			// Setting the login page also sets the processing URL to it unless one is
			// given: keep Spring Security's /login/ott.
			.oneTimeTokenLogin((ott) -> ott.loginPage(MagicLinkPages.LOGIN)
				.loginProcessingUrl("/login/ott")
				.showDefaultSubmitPage(false)
				.permitAll());
		return http.build();
	}

	/**
	 * Users of the sample: DEVELOPMENT ONLY, an in-memory user to try the magic link
	 * with. Its password is random and unused: the sample has no password login.
	 * @return the users
	 */
	@Bean
	UserDetailsService sampleUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}" + UUID.randomUUID()).roles("USER").build());
	}

}
