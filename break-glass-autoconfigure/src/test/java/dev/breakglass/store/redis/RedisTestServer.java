package dev.breakglass.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis server the redis backend's tests run against: the one at {@code REDIS_HOST}
 * and {@code REDIS_PORT} (127.0.0.1 and 6379 unless set) when it answers, else a
 * {@code redis:7-alpine} container when Docker is available. When neither is, tests fail
 * saying what to start: they are never skipped.
 */
public final class RedisTestServer {

	private static final String IMAGE = "redis:7-alpine";

	private static String host;

	private static int port;

	private static LettuceConnectionFactory connectionFactory;

	private static StringRedisTemplate template;

	private RedisTestServer() {
	}

	/**
	 * The server's host.
	 * @return the host
	 */
	public static synchronized String host() {
		start();
		return host;
	}

	/**
	 * The server's port.
	 * @return the port
	 */
	public static synchronized int port() {
		start();
		return port;
	}

	/**
	 * Spring Boot properties that point {@code spring.data.redis} at the server.
	 * @return the properties
	 */
	public static String[] springProperties() {
		return new String[] { "spring.data.redis.host=" + host(), "spring.data.redis.port=" + port() };
	}

	/**
	 * A template on the server, shared by every test.
	 * @return the template
	 */
	public static synchronized StringRedisTemplate template() {
		if (template == null) {
			connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host(), port()));
			connectionFactory.afterPropertiesSet();
			connectionFactory.start();
			template = new StringRedisTemplate(connectionFactory);
		}
		return template;
	}

	private static void start() {
		if (host != null) {
			return;
		}
		String configuredHost = System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1");
		int configuredPort = Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379"));
		if (answersPing(configuredHost, configuredPort)) {
			host = configuredHost;
			port = configuredPort;
			return;
		}
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("The redis backend's tests need Redis 7, but nothing answered PING at "
					+ configuredHost + ":" + configuredPort + " and Docker is not available. Start one with "
					+ "'redis-server --daemonize yes --port 6379 --save \"\" --appendonly no' "
					+ "(or set REDIS_HOST and REDIS_PORT), or start Docker.");
		}
		// Testcontainers' Ryuk removes the container when the JVM exits.
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(6379);
		container.start();
		host = container.getHost();
		port = container.getMappedPort(6379);
	}

	private static boolean answersPing(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
