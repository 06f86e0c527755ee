package dev.breakglass.security;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static dev.breakglass.test.Requests.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link BreakGlassConfigurer} in a web app, on the memory backend: a session token
 * presented as {@code Authorization: BreakGlass <token>} authenticates its requester;
 * anything else is a 401 that names the scheme, or is left to the other filters.
 */
@SpringBootTest(classes = BreakGlassSecurityTestApplication.class,
		properties = { "break-glass.limits.requests-per-requester=1000", "break-glass.limits.requests=1000" })
@ExtendWith(OutputCaptureExtension.class)
class BreakGlassAuthenticationFilterTests {

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private BreakGlassService service;

	@Autowired
	private BreakGlassSecurityTestApplication.SentOtps sentOtps;

	@Autowired
	private BreakGlassSecurityTestApplication.AuthenticationEvents events;

	@Autowired
	private MutableClock clock;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.events.clear();
	}

	@Test
	void validTokenAuthenticatesTheRequesterWithTheAuthorityAndDetails(CapturedOutput output) throws Exception {
		BreakGlassSession session = openSession();
		MvcResult result = this.mvc
			.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(REQUEST.requester()))
			.andExpect(jsonPath("$.authorities[0]").value("ROLE_BREAK_GLASS"))
			.andExpect(jsonPath("$.details.reason").value(REQUEST.reason()))
			.andExpect(jsonPath("$.details.expiresAt")
				.value(this.service.authenticate(session.token()).orElseThrow().expiresAt().toString()))
			.andExpect(jsonPath("$.credentials").value("null"))
			.andReturn();
		assertThat(result.getRequest().getSession(false)).as("no HTTP session").isNull();
		assertThat(result.getResponse().getContentAsString()).doesNotContain(session.token());
		assertThat(this.events.all()).singleElement()
			.isInstanceOfSatisfying(AuthenticationSuccessEvent.class, (event) -> {
				assertThat(event.getAuthentication().getName()).isEqualTo(REQUEST.requester());
				assertThat(event.getAuthentication().getCredentials()).isNull();
			});
		assertThat(output).doesNotContain(session.token());
	}

	@Test
	void schemeIsMatchedWhateverItsCase() throws Exception {
		BreakGlassSession session = openSession();
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "breakglass " + session.token()))
			.andExpect(status().isOk());
	}

	@Test
	void expiredTokenIsUnauthorizedWithTheScheme() throws Exception {
		BreakGlassSession session = openSession();
		this.clock.advance(Duration.ofHours(1));
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "BreakGlass"));
		assertFailureEventWithoutToken();
	}

	@Test
	void revokedTokenIsUnauthorized() throws Exception {
		BreakGlassSession session = openSession();
		assertThat(this.service.close(session.token())).isTrue();
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "BreakGlass"));
	}

	@Test
	void replacedTokenIsUnauthorized() throws Exception {
		BreakGlassSession first = openSession();
		openSession();
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + first.token()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "BreakGlass"));
	}

	@Test
	void tokenOfAnotherDeploymentIsUnauthorized() throws Exception {
		openSession();
		MutableClock otherClock = new MutableClock();
		String[] otp = new String[1];
		BreakGlassService capturing = new BreakGlassService(new InMemoryOtpStore(otherClock, Duration.ofMinutes(10), 6),
				new InMemoryBreakGlassTokenStore(otherClock, Duration.ofHours(1)),
				(code, expiresAt, request) -> otp[0] = code, (event) -> {
				}, otherClock, Duration.ofMinutes(10), Duration.ofHours(1));
		capturing.requestOtp(REQUEST);
		String foreignToken = capturing.open(otp[0]).token();
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + foreignToken))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "BreakGlass"));
	}

	@Test
	void malformedTokensAreUnauthorized() throws Exception {
		for (String value : new String[] { "BreakGlass", "BreakGlass ", "BreakGlass not-a-token", "BreakGlass a b c",
				"BreakGlass " + "x".repeat(4000) }) {
			this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, value))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "BreakGlass"));
		}
	}

	@Test
	void noHeaderGoesOnToTheNextFilter() throws Exception {
		this.mvc.perform(get("/public")).andExpect(status().isOk()).andExpect(content().string("public"));
		this.mvc.perform(get("/admin"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic ")));
		assertThat(this.events.all()).isEmpty();
	}

	@Test
	void otherSchemesGoOnToTheNextFilter() throws Exception {
		BreakGlassSession session = openSession();
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic ")));
		this.mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlassy " + session.token()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic ")));
		this.mvc.perform(get("/me").with(httpBasic("operator", "operator-password")))
			.andExpect(status().isOk())
			.andExpect(content().string("operator"));
		this.mvc.perform(get("/admin").with(httpBasic("operator", "operator-password")))
			.andExpect(status().isForbidden());
	}

	@Test
	void requestsWithTheHeaderNeedNoCsrfToken() throws Exception {
		BreakGlassSession session = openSession();
		this.mvc.perform(post("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isOk())
			.andExpect(content().string("posted by " + REQUEST.requester()));
		this.mvc.perform(post("/me").with(httpBasic("operator", "operator-password")))
			.andExpect(status().isForbidden());
	}

	private void assertFailureEventWithoutToken() {
		assertThat(this.events.all()).singleElement()
			.isInstanceOfSatisfying(AbstractAuthenticationFailureEvent.class, (event) -> {
				assertThat(event.getException()).isInstanceOf(BadCredentialsException.class);
				assertThat(event.getAuthentication().getCredentials()).as("erased").isNull();
			});
	}

	private BreakGlassSession openSession() {
		this.service.requestOtp(REQUEST);
		BreakGlassSession session = this.service.open(this.sentOtps.last());
		this.events.clear();
		return session;
	}

}
