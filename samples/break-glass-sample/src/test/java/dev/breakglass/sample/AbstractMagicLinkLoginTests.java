package dev.breakglass.sample;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Sign in with a magic link" as a person does it, through Spring Security's own
 * one-time-token login: ask for a link on the login screen, read it from the log, open
 * it, sign in, once.
 */
// The property (its default) gives these tests an application context of their own.
@SpringBootTest(properties = "break-glass.one-time-token.spring-security.enabled=true")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractMagicLinkLoginTests {

	private static final Pattern LOGGED_LINK = Pattern.compile("Magic link for alice \\(valid until [^)]+\\): (\\S+) ");

	@Autowired
	private MockMvc mvc;

	@Test
	void magicLinkSignsInOnce(CapturedOutput output) throws Exception {
		this.mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in with a magic link")))
			.andExpect(content().string(containsString("action=\"/ott/generate\"")));

		this.mvc.perform(post("/ott/generate").param("username", "alice").with(csrf()))
			.andExpect(redirectedUrl("/login/magic-link-sent"));
		UriComponents link = UriComponentsBuilder.fromUriString(lastLoggedLink(output)).build();
		assertThat(link.getPath()).isEqualTo("/login/magic-link");
		String token = link.getQueryParams().getFirst("token");
		assertThat(token).matches("[0-9a-f]{64}");
		assertThat(String.join("\n", atRest())).as("what the backend stores").doesNotContain(token);

		this.mvc.perform(get(link.toUriString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"" + token + "\"")))
			.andExpect(content().string(containsString("action=\"/login/ott\"")));
		MvcResult signedIn = this.mvc.perform(post("/login/ott").param("token", token).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(authenticated().withUsername("alice"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
		this.mvc.perform(get("/").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Signed in as alice")));

		this.mvc.perform(post("/login/ott").param("token", token).with(csrf()))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
	}

	@Test
	void aUsernameThatIsNoUserOrNoValidSubjectGetsTheSentPageAndNothingIsStored(CapturedOutput output)
			throws Exception {
		for (String username : new String[] { "nobody", "alice\r\n2026-12-06 WARN BreakGlassAuditLog forged",
				"alice\u202e", "a".repeat(100_000) }) {
			this.mvc.perform(post("/ott/generate").param("username", username).with(client("10.0.1.1")).with(csrf()))
				.andExpect(redirectedUrl("/login/magic-link-sent"));
		}
		// the handler that logs the link runs for every token stored
		assertThat(output).doesNotContain("Magic link for");
	}

	@Test
	void aClientGetsFiveMagicLinksPerWindowAndAnotherClientStillGetsItsOwn() throws Exception {
		// every request of a client counts, for a user or not; "nobody" stores no token
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(post("/ott/generate").param("username", "nobody").with(client("10.0.2.2")).with(csrf()))
				.andExpect(redirectedUrl("/login/magic-link-sent"));
		}
		this.mvc.perform(post("/ott/generate").param("username", "nobody").with(client("10.0.2.2")).with(csrf()))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", matchesPattern("[1-9][0-9]*")));
		this.mvc.perform(post("/ott/generate").param("username", "nobody").with(client("10.0.2.3")).with(csrf()))
			.andExpect(redirectedUrl("/login/magic-link-sent"));
	}

	private static RequestPostProcessor client(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void unknownTokenDoesNotSignIn() throws Exception {
		this.mvc.perform(post("/login/ott").param("token", "0".repeat(64)).with(csrf()))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
		this.mvc.perform(post("/login/ott").param("token", "not a token").with(csrf()))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
	}

	@Test
	void pagesKeepCsrfProtection() throws Exception {
		this.mvc.perform(post("/ott/generate").param("username", "alice")).andExpect(status().isForbidden());
		this.mvc.perform(post("/login/ott").param("token", "0".repeat(64))).andExpect(status().isForbidden());
	}

	/**
	 * What the backend of the profile under test stores of one-time tokens, as text.
	 * @return the stored entries, one per token; empty for the memory backend, which
	 * stores nothing outside the JVM
	 */
	protected abstract List<String> atRest();

	private static String lastLoggedLink(CapturedOutput output) {
		Matcher matcher = LOGGED_LINK.matcher(output.getOut());
		String link = null;
		while (matcher.find()) {
			link = matcher.group(1);
		}
		assertThat(link).as("magic link in the log").isNotNull();
		return link;
	}

}
