package dev.breakglass.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The README's walkthrough, step by step, reading the OTP from the log as a person would:
 * the JSON API with HTTP basic as the sample's {@code operator}, then the session token
 * as {@code Authorization: BreakGlass <token>}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractWalkthroughTests {

	/**
	 * What {@code BREAK_GLASS_SECRET} would hold on the jpa and redis profiles, which
	 * have no fallback value.
	 */
	static final String SECRET = "+nk9hAYfAt4ajxEN5UCJ0lWp0EHetEa0JzfLDQYcws8=";

	/**
	 * The README's {@code curl -u admin:admin-dev-only}: another user.
	 */
	private static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-dev-only");

	private static final Pattern LOGGED_OTP = Pattern.compile("Break-glass OTP ([0-9]{6}) ");

	/**
	 * The README's {@code curl -u operator:operator-dev-only}.
	 */
	private static final RequestPostProcessor OPERATOR = httpBasic("operator", "operator-dev-only");

	@Autowired
	private MockMvc mvc;

	@Test
	void walkthrough(CapturedOutput output) throws Exception {
		this.mvc.perform(get("/admin/status"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("BreakGlass")));
		// a password is not a break-glass session
		this.mvc.perform(get("/admin/status").with(OPERATOR)).andExpect(status().isForbidden());

		this.mvc.perform(requestOtp()).andExpect(status().isAccepted()).andExpect(jsonPath("$.otpExpiresAt").exists());
		String otp = lastLoggedOtp(output);

		MvcResult opened = this.mvc
			.perform(post("/break-glass/session").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + otp + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.requester").value("operator"))
			.andReturn();
		String token = opened.getResponse().getContentAsString().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		assertThat(token).hasSize(43);

		this.mvc.perform(get("/admin/status").header("Authorization", "BreakGlass " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("emergency access granted"))
			.andExpect(jsonPath("$.openedBy").value("operator"))
			.andExpect(jsonPath("$.reason").value("INC-4711: orders database down"));

		this.mvc
			.perform(post("/break-glass/session").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + otp + "\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.reason").value("NO_PENDING_OTP"));

		this.mvc.perform(delete("/break-glass/session").header("Authorization", "BreakGlass " + token))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/admin/status").header("Authorization", "BreakGlass " + token))
			.andExpect(status().isUnauthorized());
		assertThat(output).containsPattern("WARN .*break-glass event=session-opened principal=\"operator\" "
				+ "requester=\"operator\" reason=\"INC-4711: orders database down\" until=");
		assertThat(output).contains("Break-glass stores: session-token=" + backend() + ", otp=" + backend());
		assertThat(output).doesNotContain(token);
	}

	@Test
	void aDrillRunsTheFlowButItsSessionIsRefusedOnTheRealRoutes(CapturedOutput output) throws Exception {
		RequestPostProcessor dora = operator("dora");
		this.mvc
			.perform(post("/break-glass/otp").with(dora)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"quarterly drill DR-7\",\"drill\":true}"))
			.andExpect(status().isAccepted());
		MvcResult opened = this.mvc
			.perform(post("/break-glass/session").with(dora)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + lastLoggedOtp(output) + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.drill").value(true))
			.andReturn();
		String token = opened.getResponse().getContentAsString().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		this.mvc.perform(get("/admin/status").header("Authorization", "BreakGlass " + token))
			.andExpect(status().isForbidden());
		assertThat(output).containsPattern("break-glass event=session-opened principal=\"dora\" requester=\"dora\" "
				+ "reason=\"quarterly drill DR-7\" drill=true until=");
		this.mvc.perform(delete("/break-glass/session").header("Authorization", "BreakGlass " + token))
			.andExpect(status().isNoContent());
	}

	@Test
	void wrongOtpIsDeniedWithItsReason(CapturedOutput output) throws Exception {
		RequestPostProcessor ophelia = operator("ophelia");
		this.mvc.perform(requestOtp(ophelia)).andExpect(status().isAccepted());
		String otp = lastLoggedOtp(output);
		String wrong = otp.equals("000000") ? "000001" : "000000";
		this.mvc
			.perform(post("/break-glass/session").with(ophelia)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + wrong + "\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.reason").value("INVALID"));
	}

	@Test
	void aRequestWithoutReasonOrWithABadRequesterIsRefusedAndSendsNothing(CapturedOutput output) throws Exception {
		this.mvc.perform(post("/break-glass/otp").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("reason must not be null"));
		this.mvc
			.perform(post("/break-glass/otp").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"requester\":\"eve\\nforged\",\"reason\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("requester must not contain control characters or line breaks"));
		assertThat(output).doesNotContain("Break-glass OTP");
	}

	@Test
	void aBodyNamingSomeoneElseIsRefusedAuditedAndSendsNothing(CapturedOutput output) throws Exception {
		RequestPostProcessor olivia = operator("olivia");
		this.mvc
			.perform(post("/break-glass/otp").with(olivia)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"requester\":\"admin\",\"reason\":\"INC-4711\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("forbidden"));
		assertThat(output).doesNotContain("Break-glass OTP")
			.containsPattern("WARN .*break-glass event=requester-mismatch principal=\"olivia\" "
					+ "requester=\"admin\" reason=\"INC-4711\"");
		this.mvc
			.perform(post("/break-glass/otp").with(olivia)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"requester\":\"olivia\",\"reason\":\"INC-4711\"}"))
			.andExpect(status().isAccepted());
	}

	@Test
	void anOpenerWhoIsNotTheRequesterIsRefusedAndAuditedAndTheOtpStaysTheRequesters(CapturedOutput output)
			throws Exception {
		RequestPostProcessor oscar = operator("oscar");
		this.mvc.perform(requestOtp(oscar)).andExpect(status().isAccepted());
		String otp = lastLoggedOtp(output);
		this.mvc
			.perform(post("/break-glass/session").with(ADMIN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + otp + "\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.reason").value("NO_PENDING_OTP"));
		assertThat(output).containsPattern("WARN .*break-glass event=otp-rejected principal=\"admin\" requester=- "
				+ "reason=- verification=NO_PENDING_OTP");
		this.mvc
			.perform(post("/break-glass/session").with(oscar)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + otp + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.requester").value("oscar"));
	}

	@Test
	void aBodyLargerThanTheCapIsRefusedBeforeItIsRead() throws Exception {
		String reason = "x".repeat(9_000);
		this.mvc
			.perform(post("/break-glass/otp").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"" + reason + "\"}"))
			.andExpect(status().isPayloadTooLarge());
	}

	@Test
	void aFourthRequestOfOneRequesterWithinTheWindowIsTooManyWithRetryAfter() throws Exception {
		RequestPostProcessor otto = operator("otto");
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(requestOtp(otto)).andExpect(status().isAccepted());
		}
		this.mvc.perform(requestOtp(otto))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", matchesPattern("[1-9][0-9]*")))
			.andExpect(jsonPath("$.limit").value("REQUESTS_PER_REQUESTER"));
	}

	@Test
	void apiAsksForUserCredentials() throws Exception {
		String body = "{\"reason\":\"INC-4711\"}";
		this.mvc.perform(post("/break-glass/otp").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("Basic")));
		this.mvc
			.perform(post("/break-glass/otp").with(httpBasic("operator", "wrong"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(post("/break-glass/session").contentType(MediaType.APPLICATION_JSON).content("{\"otp\":\"1\"}"))
			.andExpect(status().isUnauthorized());
	}

	/**
	 * The backend the profile under test uses.
	 * @return its name
	 */
	protected abstract String backend();

	private static MockHttpServletRequestBuilder requestOtp() {
		return requestOtp(OPERATOR);
	}

	/**
	 * A signed-in operator of a test's own, so that one test's requests never count
	 * against another's limits when they share an application context.
	 * @param name the user's name
	 * @return the user
	 */
	private static RequestPostProcessor operator(String name) {
		return user(name).roles("OPERATOR");
	}

	private static MockHttpServletRequestBuilder requestOtp(RequestPostProcessor who) {
		return post("/break-glass/otp").with(who)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"INC-4711: orders database down\"}");
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
