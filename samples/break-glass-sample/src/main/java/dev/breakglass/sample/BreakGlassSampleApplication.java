package dev.breakglass.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web app that walks through the break-glass flow, in pages for a signed-in user
 * or on a JSON API: request an OTP, read it from the log, exchange it for a session,
 * reach the admin page or endpoint, close the session.
 */
@SpringBootApplication
public class BreakGlassSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(BreakGlassSampleApplication.class, args);
	}

}
