package dev.breakglass.security;

import org.junit.jupiter.api.Test;

import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static dev.breakglass.test.Requests.REQUEST;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code break-glass.security.authority} names the authority a session grants: with
 * another authority, {@code hasRole("BREAK_GLASS")} no longer lets the session in.
 */
@SpringBootTest(classes = BreakGlassSecurityTestApplication.class,
		properties = "break-glass.security.authority=ROLE_INCIDENT_RESPONDER")
class BreakGlassConfigurerAuthorityTests {

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private BreakGlassService service;

	@Autowired
	private BreakGlassSecurityTestApplication.SentOtps sentOtps;

	@Test
	void theConfiguredAuthorityIsGranted() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.service.requestOtp(REQUEST);
		BreakGlassSession session = this.service.open(this.sentOtps.last());
		mvc.perform(get("/me").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isOk());
		mvc.perform(get("/admin").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/responder").header(HttpHeaders.AUTHORIZATION, "BreakGlass " + session.token()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0]").value("ROLE_INCIDENT_RESPONDER"));
	}

}
