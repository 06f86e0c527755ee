package dev.breakglass.store.redis;

import java.nio.charset.StandardCharsets;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.util.ClassUtils;

/**
 * Sends {@code WAIT} on a Spring Data Redis connection. Lettuce needs to be told that the
 * reply is an integer; other clients return it as it comes.
 */
final class RedisWaitCommand {

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient",
			RedisWaitCommand.class.getClassLoader());

	private RedisWaitCommand() {
	}

	static void send(RedisConnection connection, RedisReplicaAcknowledgement acknowledgement) {
		byte[][] args = { bytes(acknowledgement.replicas()), bytes(acknowledgement.timeout().toMillis()) };
		if (LETTUCE_PRESENT && Lettuce.send(connection, args)) {
			return;
		}
		connection.execute("WAIT", args);
	}

	private static byte[] bytes(long number) {
		return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Kept apart so that nothing loads Lettuce's classes when it is absent.
	 */
	private static final class Lettuce {

		static boolean send(RedisConnection connection, byte[][] args) {
			if (!(connection instanceof LettuceConnection lettuce)) {
				return false;
			}
			lettuce.execute("WAIT", new IntegerOutput<>(ByteArrayCodec.INSTANCE), args);
			return true;
		}

	}

}
