package dev.breakglass.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import dev.breakglass.store.Secrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample, with its profile's timeouts, behind a TCP proxy (NetCrusher) to its store's
 * server: when the server is down or stalls, every endpoint answers 503 with
 * {@code Retry-After} within the profile's timeouts (never 500, never 401), and once the
 * server is back the same application works again.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class AbstractStoreUnavailableTests {

	private static final RequestPostProcessor OPERATOR = httpBasic("operator", "operator-dev-only");

	private static final Duration HEALING = Duration.ofSeconds(15);

	@Autowired
	private MockMvc mvc;

	/**
	 * The proxy between the sample and its store's server.
	 * @return the proxy
	 */
	protected abstract TcpCrusher proxy();

	/**
	 * How long a call may take to answer when the server is down or stalls: a little more
	 * than the profile's timeouts.
	 * @return the longest answer time
	 */
	protected abstract Duration longestAnswer();

	@Test
	void serverDownThenEveryEndpointAnswers503WithRetryAfterAndWorksOnceItIsBack() throws Exception {
		this.mvc.perform(requestOtp()).andExpect(status().isAccepted());
		proxy().close();
		String token = Secrets.newSessionToken();
		answersUnavailable(requestOtp());
		answersUnavailable(post("/break-glass/session").with(OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"otp\":\"123456\"}"));
		answersUnavailable(get("/admin/status").header("Authorization", "BreakGlass " + token));
		answersUnavailable(delete("/break-glass/session").header("Authorization", "BreakGlass " + token));
		proxy().open();
		awaitWorking();
	}

	@Test
	void serverStallsThenTheCallAnswers503AfterTheTimeoutAndWorksOnceItMovesAgain() throws Exception {
		this.mvc.perform(requestOtp()).andExpect(status().isAccepted());
		proxy().freeze();
		answersUnavailable(post("/break-glass/session").with(OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"otp\":\"123456\"}"));
		proxy().unfreeze();
		awaitWorking();
	}

	@AfterEach
	void heal() {
		if (!proxy().isOpen()) {
			proxy().open();
		}
		if (proxy().isFrozen()) {
			proxy().unfreeze();
		}
	}

	private void answersUnavailable(RequestBuilder request) throws Exception {
		Instant start = Instant.now();
		ResultActions result = this.mvc.perform(request);
		Duration took = Duration.between(start, Instant.now());
		result.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", StoreUnavailableAdvice.RETRY_AFTER_SECONDS));
		assertThat(took).as("time to answer").isLessThan(longestAnswer());
	}

	private void awaitWorking() throws Exception {
		Instant deadline = Instant.now().plus(HEALING);
		int status;
		do {
			status = this.mvc.perform(requestOtp()).andReturn().getResponse().getStatus();
		}
		while (status != 202 && Instant.now().isBefore(deadline));
		assertThat(status).as("POST /break-glass/otp once the server is back").isEqualTo(202);
	}

	/**
	 * A free loopback port for a proxy. A test class picks it when it is loaded and opens
	 * its proxy in {@code @BeforeAll}, so that the AOT processing of the class (which
	 * loads it but runs no test) leaves no proxy thread behind.
	 * @return the port
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Open a proxy on a loopback port.
	 * @param bindPort the proxy's port
	 * @param host the server's host
	 * @param port the server's port
	 * @return the open proxy
	 */
	static TcpCrusher proxyTo(int bindPort, String host, int port) {
		return TcpCrusherBuilder.builder()
			.withReactor(newReactor())
			.withBindAddress("127.0.0.1", bindPort)
			.withConnectAddress(host, port)
			.buildAndOpen();
	}

	private static NioReactor newReactor() {
		try {
			return new NioReactor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private static int requests;

	/**
	 * An OTP request of a signed-in operator of its own, so that the per-requester limit
	 * never answers before the server does.
	 */
	private static MockHttpServletRequestBuilder requestOtp() {
		return post("/break-glass/otp").with(user("operator-" + (requests++)).roles("OPERATOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"outage drill\"}");
	}

}
