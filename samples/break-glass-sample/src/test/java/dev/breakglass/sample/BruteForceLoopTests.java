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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The attack of issue 23, against the sample at its defaults: one login
 * ({@code operator}) asks for OTPs in its own name, in the name of {@code admin} and
 * under rotated names, and guesses, again and again. Its own requests end in 429,
 * requests in another's name in 403, its guesses in 429 after five; and {@code admin},
 * asking and opening in the middle of the attack and after it, gets a session every time.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class BruteForceLoopTests {

	private static final RequestPostProcessor OPERATOR = httpBasic("operator", "operator-dev-only");

	private static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-dev-only");

	private static final Pattern LOGGED_OTP = Pattern.compile("Break-glass OTP ([0-9]{6}) ");

	private static final int LOOPS = 200;

	@Autowired
	private MockMvc mvc;

	@Test
	void oneLoginsAttackCostsOnlyThatLoginAndAnotherGetsASessionEveryTime(CapturedOutput output) throws Exception {
		int sent = 0;
		int guessed = 0;
		int victimSessions = 0;
		for (int i = 0; i < LOOPS; i++) {
			// its own name, the victim's, then a new one every time
			String named = switch (i % 3) {
				case 0 -> null;
				case 1 -> "admin";
				default -> "mallory-" + i;
			};
			String body = (named != null) ? "{\"requester\":\"" + named + "\",\"reason\":\"guessing\"}"
					: "{\"reason\":\"guessing\"}";
			int request = post("/break-glass/otp", OPERATOR, body).getResponse().getStatus();
			if (named != null) {
				assertThat(request).as("request %d in another's name", i).isEqualTo(403);
			}
			else {
				assertThat(request).as("request %d in its own name", i).isIn(202, 429);
				sent += (request == 202) ? 1 : 0;
			}
			MvcResult guess = post("/break-glass/session", OPERATOR, "{\"otp\":\"" + String.format("%06d", i) + "\"}");
			int status = guess.getResponse().getStatus();
			assertThat(status).as("guess %d", i).isIn(401, 429);
			guessed += (status == 401) ? 1 : 0;
			if (i == 60 || i == 130) {
				victimSessions += victimOpensASession(output) ? 1 : 0;
			}
		}
		victimSessions += victimOpensASession(output) ? 1 : 0;
		assertThat(sent).as("OTPs sent to the attacker: its own limit").isEqualTo(3);
		assertThat(guessed).as("guesses verified before its lockout").isEqualTo(5);
		assertThat(victimSessions).as("the other login's sessions, one per try").isEqualTo(3);
	}

	private boolean victimOpensASession(CapturedOutput output) throws Exception {
		int request = post("/break-glass/otp", ADMIN, "{\"reason\":\"INC-4711: orders database down\"}").getResponse()
			.getStatus();
		assertThat(request).as("the victim's request").isEqualTo(202);
		String otp = lastLoggedOtpOf("admin", output);
		MvcResult opened = post("/break-glass/session", ADMIN, "{\"otp\":\"" + otp + "\"}");
		return opened.getResponse().getStatus() == 201
				&& opened.getResponse().getContentAsString().contains("\"requester\":\"admin\"");
	}

	private MvcResult post(String path, RequestPostProcessor user, String body) throws Exception {
		return this.mvc
			.perform(MockMvcRequestBuilders.post(path).with(user).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn();
	}

	private static String lastLoggedOtpOf(String requester, CapturedOutput output) {
		Matcher matcher = Pattern.compile(LOGGED_OTP.pattern() + ".*requested by '" + requester + "'")
			.matcher(output.getOut());
		String otp = null;
		while (matcher.find()) {
			otp = matcher.group(1);
		}
		assertThat(otp).as("OTP of %s in the log", requester).isNotNull();
		return otp;
	}

}
