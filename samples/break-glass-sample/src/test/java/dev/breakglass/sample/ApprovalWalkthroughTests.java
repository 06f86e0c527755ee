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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code approval} profile: {@code operator} asks, the approval token goes to the log
 * and no OTP does; {@code admin} approves it, and only then is {@code operator}'s OTP
 * sent; an approval token works once, and never for its own requester.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("approval")
@ExtendWith(OutputCaptureExtension.class)
class ApprovalWalkthroughTests {

	private static final RequestPostProcessor OPERATOR = httpBasic("operator", "operator-dev-only");

	private static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-dev-only");

	private static final Pattern LOGGED_APPROVAL = Pattern.compile("Break-glass approval token ([A-Za-z0-9_-]{43}) ");

	private static final Pattern LOGGED_OTP = Pattern.compile("Break-glass OTP ([0-9]{6}) ");

	@Autowired
	private MockMvc mvc;

	@Test
	void aSecondPersonApprovesThenTheRequesterOpensTheSession(CapturedOutput output) throws Exception {
		this.mvc
			.perform(post("/break-glass/otp").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"INC-4711: orders database down\"}"))
			.andExpect(status().isAccepted());
		String approval = last(LOGGED_APPROVAL, output);
		assertThat(output).doesNotContain("Break-glass OTP");

		this.mvc.perform(approve(approval).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.requester").value("operator"))
			.andExpect(jsonPath("$.approver").value("admin"))
			.andExpect(jsonPath("$.otpExpiresAt").exists());
		this.mvc.perform(approve(approval).with(ADMIN))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.refusal").value("UNKNOWN"));

		this.mvc
			.perform(post("/break-glass/session").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + last(LOGGED_OTP, output) + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.requester").value("operator"));
		assertThat(output)
			.containsPattern("break-glass event=request-approved principal=\"admin\" " + "requester=\"operator\"");
	}

	@Test
	void theRequesterCannotApproveItsOwnRequest(CapturedOutput output) throws Exception {
		this.mvc
			.perform(post("/break-glass/otp").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"INC-4712: payments down\"}"))
			.andExpect(status().isAccepted());
		this.mvc.perform(approve(last(LOGGED_APPROVAL, output)).with(OPERATOR))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.refusal").value("SELF_APPROVAL"));
		assertThat(output).doesNotContain("Break-glass OTP");
	}

	@Test
	void anApprovalTokenNobodyWasGivenIsRefused() throws Exception {
		this.mvc.perform(approve("A".repeat(43)).with(ADMIN))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.refusal").value("UNKNOWN"));
		this.mvc.perform(approve("not a token").with(ADMIN))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.refusal").value("UNKNOWN"));
	}

	private static MockHttpServletRequestBuilder approve(String token) {
		return post("/break-glass/approvals").contentType(MediaType.APPLICATION_JSON)
			.content("{\"token\":\"" + token + "\"}");
	}

	private static String last(Pattern pattern, CapturedOutput output) {
		Matcher matcher = pattern.matcher(output.toString());
		String found = null;
		while (matcher.find()) {
			found = matcher.group(1);
		}
		assertThat(found).as("logged %s", pattern).isNotNull();
		return found;
	}

}
