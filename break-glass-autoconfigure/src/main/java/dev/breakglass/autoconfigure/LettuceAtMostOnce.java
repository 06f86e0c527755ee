package dev.breakglass.autoconfigure;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceVersion;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The one home of the rule that the redis stores' commands reach Redis at most once: a
 * Lettuce client reconnects on its own but fails the commands in flight when the
 * connection breaks and rejects commands while it is down
 * ({@code disconnectedBehavior(REJECT_COMMANDS)}), instead of queueing them and sending
 * them again on the new connection. Then a consume whose reply was lost fails with the
 * outcome unknown and is never run a second time, which could only answer "not found" for
 * the secret its own first run spent.
 */
final class LettuceAtMostOnce {

	static final String PROPERTY = "break-glass.redis.at-most-once";

	/**
	 * The oldest Lettuce that cancels the commands in flight on a reconnecting client
	 * that rejects commands while disconnected, as the fault tests verify.
	 */
	static final String MINIMUM_VERSION = "7.5";

	private LettuceAtMostOnce() {
	}

	static void apply(ClientOptions.Builder options) {
		options.autoReconnect(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Check the application's connection factory, after every customizer ran.
	 * @param connectionFactory the factory the stores use
	 * @throws RedisClientResendsException if its client may send a command twice
	 */
	static void check(RedisConnectionFactory connectionFactory) {
		if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			// Jedis sends a command once and fails it when the connection breaks
			return;
		}
		String version = LettuceVersion.getVersion();
		if (version != null && compare(version, MINIMUM_VERSION) < 0) {
			throw new RedisClientResendsException("Lettuce " + version + " is older than " + MINIMUM_VERSION
					+ ", which may send a command in flight again after a reconnect");
		}
		ClientOptions options = lettuce.getClientConfiguration().getClientOptions().orElseGet(ClientOptions::create);
		if (options.isAutoReconnect()
				&& options.getDisconnectedBehavior() != ClientOptions.DisconnectedBehavior.REJECT_COMMANDS) {
			throw new RedisClientResendsException(
					"The Lettuce client reconnects with disconnected behavior " + options.getDisconnectedBehavior()
							+ ", so it sends the commands in flight when a connection breaks again on the next one");
		}
	}

	/**
	 * Compare the leading numbers of two versions such as {@code 7.5.2.RELEASE}.
	 */
	static int compare(String version, String other) {
		String[] mine = version.split("[^0-9]+");
		String[] theirs = other.split("[^0-9]+");
		for (int i = 0; i < Math.max(mine.length, theirs.length); i++) {
			int a = (i < mine.length && !mine[i].isEmpty()) ? Integer.parseInt(mine[i]) : 0;
			int b = (i < theirs.length && !theirs[i].isEmpty()) ? Integer.parseInt(theirs[i]) : 0;
			if (a != b) {
				return Integer.compare(a, b);
			}
		}
		return 0;
	}

}
