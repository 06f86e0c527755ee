package dev.breakglass.store;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread's random bytes are the AES-256-CTR keystream of keys drawn from its generator,
 * one fresh key for every block, so no keystream is ever handed out twice.
 */
class RandomBlockTests {

	@Test
	void eachBlockIsTheKeystreamOfTheNextKeyTheGeneratorGives() throws Exception {
		CountingKeys keys = new CountingKeys();
		RandomBlock random = new RandomBlock(keys);
		byte[] first = new byte[RandomBlock.SIZE];
		byte[] second = new byte[RandomBlock.SIZE];
		random.next(first);
		random.next(second);
		assertThat(first).isEqualTo(keystream(1));
		assertThat(second).isEqualTo(keystream(2));
		assertThat(first).isNotEqualTo(second);
		// the key of the block after is drawn as soon as a block is made
		assertThat(keys.drawn).isEqualTo(3);
	}

	@Test
	void bytesAreHandedOutInOrderAcrossBlocksAndNeverTwice() throws Exception {
		RandomBlock random = new RandomBlock(new CountingKeys());
		ByteBuffer handedOut = ByteBuffer.allocate(3 * RandomBlock.SIZE);
		for (int i = 0; i < RandomBlock.SIZE / 32; i++) {
			byte[] token = new byte[32];
			random.next(token);
			handedOut.put(token);
		}
		// a long that does not fit in what is left of a block comes from the next one
		byte[] tail = new byte[RandomBlock.SIZE - 4];
		random.next(tail);
		handedOut.put(tail);
		long value = random.nextLong();
		assertThat(Arrays.copyOf(handedOut.array(), 2 * RandomBlock.SIZE - 4))
			.isEqualTo(concat(keystream(1), Arrays.copyOf(keystream(2), RandomBlock.SIZE - 4)));
		assertThat(value).isEqualTo(ByteBuffer.wrap(keystream(3)).getLong());
	}

	private static byte[] keystream(int key) throws Exception {
		Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
		byte[] keyBytes = new byte[32];
		Arrays.fill(keyBytes, (byte) key);
		aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new IvParameterSpec(new byte[16]));
		return aes.doFinal(new byte[RandomBlock.SIZE]);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	/**
	 * Gives key 1 (32 bytes of 1), then key 2, and so on.
	 */
	private static final class CountingKeys extends SecureRandom {

		private int drawn;

		@Override
		public void nextBytes(byte[] bytes) {
			Arrays.fill(bytes, (byte) ++this.drawn);
		}

	}

}
