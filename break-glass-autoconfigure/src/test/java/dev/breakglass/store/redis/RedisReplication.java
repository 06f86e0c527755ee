package dev.breakglass.store.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A Redis primary on 127.0.0.1:6390 with one replica on 127.0.0.1:6391, started by
 * {@code .ci/start-redis-replica}, and the keys one test class writes there under a
 * prefix of its own (deleted after each test). Tests fail, never skip, when the servers
 * are down, saying to run the script.
 */
final class RedisReplication implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	static final int PRIMARY_PORT = 6390;

	static final int REPLICA_PORT = 6391;

	private static final Path SCRIPT = Path.of("..", ".ci", "start-redis-replica");

	private final String prefix;

	private LettuceConnectionFactory primaryFactory;

	private LettuceConnectionFactory replicaFactory;

	RedisReplication(Class<?> testClass) {
		this.prefix = "bg-test:" + testClass.getSimpleName() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!linkUp()) {
			throw new IllegalStateException("The tests of break-glass.redis.wait-for-replicas need a Redis primary on "
					+ "127.0.0.1:" + PRIMARY_PORT + " with a replica on 127.0.0.1:" + REPLICA_PORT
					+ " whose link is up. Start them with '.ci/start-redis-replica' (from the repository root).");
		}
		this.primaryFactory = factory(PRIMARY_PORT);
		this.replicaFactory = factory(REPLICA_PORT);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		StringRedisTemplate primary = primary();
		Set<String> keys = keys(primary);
		if (!keys.isEmpty()) {
			primary.delete(keys);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.primaryFactory.destroy();
		this.replicaFactory.destroy();
	}

	String prefix() {
		return this.prefix;
	}

	/**
	 * A template on the primary, on a connection factory of its own.
	 * @return the template
	 */
	StringRedisTemplate primary() {
		return new StringRedisTemplate(this.primaryFactory);
	}

	/**
	 * The keys under the prefix, on the primary or on the replica.
	 * @param onReplica whether to read the replica
	 * @return the keys
	 */
	Set<String> keys(boolean onReplica) {
		return keys(onReplica ? new StringRedisTemplate(this.replicaFactory) : primary());
	}

	/**
	 * The keys under the prefix that hold a secret still to be consumed: every key but
	 * the tombstones of redeemed authorization codes and the markers consumes leave.
	 * @param onReplica whether to read the replica
	 * @return the keys
	 */
	Set<String> liveSecrets(boolean onReplica) {
		StringRedisTemplate redis = onReplica ? new StringRedisTemplate(this.replicaFactory) : primary();
		Set<String> keys = keys(redis);
		keys.removeIf((key) -> {
			String value = redis.opsForValue().get(key);
			return String.valueOf(value).startsWith(RedisValueCodec.TOMBSTONE + ";");
		});
		return keys;
	}

	private Set<String> keys(StringRedisTemplate redis) {
		Set<String> keys = new TreeSet<>();
		ScanOptions options = ScanOptions.scanOptions().match(this.prefix + "*").count(1000).build();
		try (Cursor<String> cursor = redis.scan(options)) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	/**
	 * Stop the replica as a crash would ({@code SHUTDOWN NOSAVE}), until
	 * {@link #restartReplica()}.
	 */
	void stopReplica() {
		// On a plain socket: Lettuce would send SHUTDOWN again to the restarted replica,
		// since the server closed the connection without replying.
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", REPLICA_PORT), 500);
			socket.setSoTimeout(2000);
			socket.getOutputStream().write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			// The server closes the connection as it goes.
		}
		for (int i = 0; i < 100 && answersPing(REPLICA_PORT); i++) {
			sleep(50);
		}
	}

	/**
	 * Start the replica again with the script, and wait until its link is up.
	 */
	void restartReplica() {
		try {
			Process process = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(SCRIPT + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Could not run " + SCRIPT.toAbsolutePath() + " (exists: " + Files.exists(SCRIPT) + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean linkUp() {
		if (!answersPing(PRIMARY_PORT) || !answersPing(REPLICA_PORT)) {
			return false;
		}
		LettuceConnectionFactory replica = factory(REPLICA_PORT);
		try {
			Object status = new StringRedisTemplate(replica).execute((RedisCallback<Object>) (
					connection) -> connection.serverCommands().info("replication").getProperty("master_link_status"));
			return "up".equals(status);
		}
		finally {
			replica.destroy();
		}
	}

	private static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(500);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			return "+PONG".equals(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static LettuceConnectionFactory factory(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
