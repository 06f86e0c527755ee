package dev.breakglass.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.breakglass.service.BreakGlassService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The sample's pages (memory profile): sign-in required, CSRF on every form, the admin
 * page behind break-glass, and the session token kept on the server.
 */
// The property (its default) gives these tests an application context of their own: the
// walkthrough tests read the start-up log of theirs, and the attempt limits count apart.
@SpringBootTest(properties = "break-glass.enabled=true")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SamplePagesSecurityTests {

	private static final Pattern LOGGED_OTP = Pattern.compile("Break-glass OTP ([0-9]{6}) ");

	/**
	 * A whole token, not part of a longer string such as a CSRF token.
	 */
	private static final Pattern TOKEN_SHAPE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private BreakGlassService breakGlass;

	@Test
	void pagesRequireSignIn() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/access/otp")).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void loginScreenOffersPasswordAndMagicLink() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action=\"/login\"")))
			.andExpect(content().string(containsString("name=\"password\"")))
			.andExpect(content().string(containsString("action=\"/ott/generate\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void operatorAndAdminSignInWithTheirPasswords() throws Exception {
		this.mvc
			.perform(post("/login").param("username", "operator").param("password", "operator-dev-only").with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(authenticated().withUsername("operator"));
		this.mvc.perform(post("/login").param("username", "admin").param("password", "admin-dev-only").with(csrf()))
			.andExpect(authenticated().withUsername("admin"));
		this.mvc.perform(post("/login").param("username", "operator").param("password", "wrong").with(csrf()))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
		// alice has no usable password: the magic link is her way in
		this.mvc.perform(post("/login").param("username", "alice").param("password", "").with(csrf()))
			.andExpect(unauthenticated());
	}

	@Test
	void formsNeedTheirCsrfToken() throws Exception {
		this.mvc.perform(post("/login").param("username", "operator").param("password", "operator-dev-only"))
			.andExpect(status().isForbidden())
			.andExpect(unauthenticated());
		this.mvc.perform(post("/access/otp").param("reason", "INC-4711").with(user("operator")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/access/open").param("otp", "123456").with(user("operator")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/access/close").with(user("operator"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/logout").with(user("operator"))).andExpect(status().isForbidden());
	}

	@Test
	void adminPageWithoutBreakGlassAsksForIt() throws Exception {
		this.mvc.perform(get("/admin").with(user("operator")))
			.andExpect(status().isOk())
			.andExpect(view().name("needs-break-glass"))
			.andExpect(content().string(containsString("The admin page needs break-glass")))
			.andExpect(content().string(containsString("action=\"/access/otp\"")))
			.andExpect(content().string(not(containsString("emergency access granted"))));
	}

	@Test
	void blankReasonIsRefusedOnThePage() throws Exception {
		this.mvc.perform(post("/access/otp").param("reason", " ").with(user("operator")).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("needs-break-glass"))
			.andExpect(content().string(containsString("Say why you need access")));
	}

	@Test
	void pageFlowKeepsTheTokenInTheHttpSession(CapturedOutput output) throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(post("/access/otp").param("reason", "INC-4711: orders database down")
				.session(session)
				.with(user("operator"))
				.with(csrf()))
			.andExpect(redirectedUrl("/access/otp"));
		this.mvc.perform(get("/access/otp").session(session).with(user("operator")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action=\"/access/open\"")));
		assertThat(output).contains("requested by 'operator'");

		MvcResult opened = this.mvc
			.perform(post("/access/open").param("otp", lastLoggedOtp(output))
				.session(session)
				.with(user("operator"))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andReturn();
		MockHttpSession elevated = (MockHttpSession) opened.getRequest().getSession(false);
		String token = (String) elevated.getAttribute(BreakGlassPages.TOKEN);
		assertThat(token).hasSize(43);

		String page = this.mvc.perform(get("/admin").session(elevated).with(user("operator")))
			.andExpect(status().isOk())
			.andExpect(view().name("admin"))
			.andExpect(content().string(containsString("INC-4711: orders database down")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain(token);
		assertThat(TOKEN_SHAPE.matcher(page).find()).as("a token-shaped string on the page").isFalse();

		this.mvc.perform(post("/access/close").session(elevated).with(user("operator")).with(csrf()))
			.andExpect(redirectedUrl("/admin?closed"));
		assertThat(elevated.getAttribute(BreakGlassPages.TOKEN)).isNull();
		this.mvc.perform(get("/admin").session(elevated).with(user("operator")))
			.andExpect(view().name("needs-break-glass"));
	}

	@Test
	void signingOutClosesTheBreakGlassSession(CapturedOutput output) throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(post("/access/otp").param("reason", "INC-4713").session(session).with(user("admin")).with(csrf()))
			.andExpect(redirectedUrl("/access/otp"));
		this.mvc
			.perform(post("/access/open").param("otp", lastLoggedOtp(output))
				.session(session)
				.with(user("admin"))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin"));
		String token = (String) session.getAttribute(BreakGlassPages.TOKEN);
		assertThat(this.breakGlass.authenticate(token)).isPresent();
		this.mvc.perform(post("/logout").session(session).with(user("admin")).with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));
		assertThat(this.breakGlass.authenticate(token)).isEmpty();
		this.mvc.perform(get("/login?logout"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You have signed out.")));
	}

	@Test
	void wrongOtpOnThePageAsksForANewOne(CapturedOutput output) throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(post("/access/otp").param("reason", "INC-4712").session(session).with(user("admin")).with(csrf()))
			.andExpect(redirectedUrl("/access/otp"));
		String otp = lastLoggedOtp(output);
		this.mvc
			.perform(post("/access/open").param("otp", otp.equals("000000") ? "000001" : "000000")
				.session(session)
				.with(user("admin"))
				.with(csrf()))
			.andExpect(status().isUnauthorized())
			.andExpect(view().name("needs-break-glass"))
			.andExpect(content().string(containsString("ask for a new one")));
		assertThat(session.getAttribute(BreakGlassPages.TOKEN)).isNull();
	}

	@Test
	void apiDoesNotTrustThePagesSignIn() throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc
			.perform(post("/login").param("username", "operator").param("password", "operator-dev-only").with(csrf()))
			.andExpect(authenticated())
			.andReturn()
			.getRequest()
			.getSession(false);
		this.mvc
			.perform(post("/break-glass/otp").session(session)
				.contentType("application/json")
				.content("{\"reason\":\"INC-4711\"}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aFourthOtpRequestOnThePageSaysWhenToTryAgain() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(post("/access/otp").param("reason", "INC-4715").with(user("carol")).with(csrf()))
				.andExpect(redirectedUrl("/access/otp"));
		}
		this.mvc.perform(post("/access/otp").param("reason", "INC-4715").with(user("carol")).with(csrf()))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", matchesPattern("[1-9][0-9]*")))
			.andExpect(view().name("needs-break-glass"))
			.andExpect(content().string(containsString("Too many attempts: try again in")));
	}

	@Test
	void apiKeepsNoHttpSession() throws Exception {
		MvcResult requested = this.mvc
			.perform(post("/break-glass/otp").with(httpBasic("operator", "operator-dev-only"))
				.contentType("application/json")
				.content("{\"reason\":\"INC-4714\"}"))
			.andExpect(status().isAccepted())
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andReturn();
		assertThat(requested.getRequest().getSession(false)).isNull();
	}

	private static String lastLoggedOtp(CapturedOutput output) {
		Matcher matcher = LOGGED_OTP.matcher(output.getOut());
		String otp = null;
		while (matcher.find()) {
			otp = matcher.group(1);
		}
		assertThat(otp).as("OTP in the log").isNotNull();
		return otp;
	}

}
