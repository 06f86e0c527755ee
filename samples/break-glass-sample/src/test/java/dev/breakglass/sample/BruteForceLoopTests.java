package dev.breakglass.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The attack the limits are for, against the sample at its defaults: request an OTP,
 * guess it, again and again, as one requester and as a new one each time. Within the
 * limits it ends in 429s, with a Retry-After, and no guess gets through.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class BruteForceLoopTests {

	private static final RequestPostProcessor OPERATOR = httpBasic("operator", "operator-dev-only");

	private static final int LOOPS = 200;

	@Autowired
	private MockMvc mvc;

	@Test
	void requestAndGuessInALoopEndsInTooManyRequestsWithinTheLimits() throws Exception {
		int sent = 0;
		int guessed = 0;
		int throttled = 0;
		for (int i = 0; i < LOOPS; i++) {
			// one requester name for the first half, a new one every time for the second
			String requester = (i < LOOPS / 2) ? "mallory" : "mallory-" + i;
			MvcResult request = this.mvc
				.perform(post("/break-glass/otp").with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"requester\":\"" + requester + "\",\"reason\":\"guessing\"}"))
				.andReturn();
			sent += (request.getResponse().getStatus() == 202) ? 1 : 0;
			MvcResult guess = this.mvc
				.perform(post("/break-glass/session").with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"otp\":\"" + String.format("%06d", i) + "\"}"))
				.andReturn();
			int status = guess.getResponse().getStatus();
			assertThat(status).as("guess %d", i).isIn(401, 429);
			if (status == 401) {
				guessed++;
			}
			else {
				throttled++;
				assertThat(guess.getResponse().getHeader("Retry-After")).matches("[1-9][0-9]*");
			}
			boolean mayBeSent = (i < 3) || (i >= LOOPS / 2 && i < LOOPS / 2 + 7);
			if (!mayBeSent) {
				assertThat(request.getResponse().getStatus()).as("request %d", i).isEqualTo(429);
				assertThat(request.getResponse().getHeader("Retry-After")).matches("[1-9][0-9]*");
			}
		}
		assertThat(sent).as("OTPs sent: 3 as mallory, then 7 more under new names until all requests are used")
			.isEqualTo(10);
		assertThat(guessed).as("guesses verified before the lockout").isEqualTo(5);
		assertThat(throttled).isEqualTo(LOOPS - 5);
	}

}
