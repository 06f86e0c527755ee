package dev.breakglass.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.store.Secrets;
import dev.breakglass.test.TestSecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * When the session token store's server cannot be reached (here a redis store pointed at
 * a port nobody listens on), a presented token answers 503 with {@code Retry-After}:
 * never a 401 that hides the outage, never a 500.
 */
@SpringBootTest(classes = BreakGlassSecurityTestApplication.class,
		properties = { "break-glass.session-token.store=redis", "break-glass.secret=" + TestSecrets.SECRET,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1", "spring.data.redis.timeout=500ms",
				"spring.data.redis.connect-timeout=500ms" })
@ExtendWith(OutputCaptureExtension.class)
class BreakGlassAuthenticationStoreOutageTests {

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private BreakGlassSecurityTestApplication.AuthenticationEvents events;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.events.clear();
	}

	@Test
	void storeOutageIsServiceUnavailableWithRetryAfter(CapturedOutput output) throws Exception {
		String token = Secrets.newSessionToken();
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + token))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
			.andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
		assertThat(this.events.all()).singleElement()
			.isInstanceOfSatisfying(AuthenticationFailureServiceExceptionEvent.class, (event) -> {
				assertThat(event.getException()).isInstanceOf(AuthenticationServiceException.class);
				assertThat(event.getAuthentication().getCredentials()).as("erased").isNull();
			});
		assertThat(output).doesNotContain(token);
	}

	@Test
	void requestsWithoutTheHeaderAreUnaffected() throws Exception {
		this.mvc.perform(get("/public")).andExpect(status().isOk());
	}

}
