package dev.breakglass.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis Cluster the redis backend's tests also run against: the nodes listed in
 * {@code REDIS_CLUSTER_NODES} (comma-separated {@code host:port}, default
 * {@code 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003}), which
 * {@code .ci/start-redis-cluster} starts as three masters. When they do not answer with
 * {@code cluster_state:ok}, tests fail saying to run that script: they are never skipped.
 */
public final class RedisTestCluster {

	private static final String DEFAULT_NODES = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

	private static List<String> nodes;

	private static StringRedisTemplate template;

	private RedisTestCluster() {
	}

	/**
	 * The cluster's nodes, checked once per JVM.
	 * @return each node's {@code host:port}
	 */
	public static synchronized List<String> nodes() {
		if (nodes == null) {
			nodes = locate();
		}
		return nodes;
	}

	/**
	 * Spring Boot properties that point {@code spring.data.redis} at the cluster.
	 * @return the properties
	 */
	public static String[] springProperties() {
		return new String[] { "spring.data.redis.cluster.nodes=" + String.join(",", nodes()) };
	}

	/**
	 * A template on the cluster, shared by every test.
	 * @return the template
	 */
	public static synchronized StringRedisTemplate template() {
		if (template == null) {
			LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
					new RedisClusterConfiguration(nodes()),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(10)).build());
			connectionFactory.afterPropertiesSet();
			connectionFactory.start();
			// Connect to every node now: tests that let time pass by a key's TTL should
			// not
			// pay for the first connections between two steps.
			try (RedisClusterConnection cluster = connectionFactory.getClusterConnection()) {
				cluster.clusterGetNodes().forEach(cluster::ping);
			}
			template = new StringRedisTemplate(connectionFactory);
		}
		return template;
	}

	private static List<String> locate() {
		String configured = System.getenv().getOrDefault("REDIS_CLUSTER_NODES", DEFAULT_NODES);
		List<String> addresses = Arrays.stream(configured.split(",")).map(String::trim).toList();
		for (String address : addresses) {
			String state = clusterState(address);
			if (!"ok".equals(state)) {
				throw new IllegalStateException("The redis backend's tests also run on a Redis Cluster, but the node "
						+ address + " of REDIS_CLUSTER_NODES=" + configured + " "
						+ ((state != null) ? "says cluster_state:" + state : "does not answer")
						+ ". Start it with '.ci/start-redis-cluster' (three masters on 127.0.0.1:7001-7003), "
						+ "or point REDIS_CLUSTER_NODES at a cluster.");
			}
		}
		return addresses;
	}

	/**
	 * The {@code cluster_state} a node reports, read over a plain socket so that a
	 * missing cluster fails at once rather than after a client's retries.
	 */
	private static String clusterState(String address) {
		int colon = address.lastIndexOf(':');
		try (Socket socket = new Socket()) {
			socket.connect(
					new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
					1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("CLUSTER INFO\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			int read = in.read(buffer);
			String reply = (read > 0) ? new String(buffer, 0, read, StandardCharsets.US_ASCII) : "";
			for (String line : reply.split("\r\n")) {
				if (line.startsWith("cluster_state:")) {
					return line.substring("cluster_state:".length());
				}
			}
			return reply.startsWith("-") ? "disabled (" + reply.strip() + ")" : "unknown";
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
