package dev.breakglass.store;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's random bytes, made a block at a time: each block is the AES-256-CTR
 * keystream of a fresh 256-bit key drawn from the thread's {@link SecureRandom} (DRBG,
 * NIST SP 800-90A, seeded by the operating system), which is how CTR_DRBG of the same
 * standard generates its output. A key makes one block and is replaced as soon as it has,
 * so the state left in the heap can make only bytes not yet handed out; each byte is
 * zeroed as it is handed out. The DRBG alone costs about 3 µs a kilobyte; the keystream
 * about 0.1 µs, so a block of 4 KiB and its key cost about 1.7 µs. Not thread-safe: one
 * instance per thread.
 */
final class RandomBlock {

	static final int SIZE = 4096;

	private static final byte[] ZEROS = new byte[SIZE];

	private static final IvParameterSpec COUNTER_START = new IvParameterSpec(new byte[16]);

	private final SecureRandom keys;

	private final Cipher keystream;

	private final byte[] block = new byte[SIZE];

	private int position = SIZE;

	RandomBlock() {
		this(newGenerator());
	}

	/**
	 * Create a block whose keys come from a generator of the caller's.
	 * @param keys draws each block's key
	 */
	RandomBlock(SecureRandom keys) {
		this.keys = keys;
		try {
			this.keystream = Cipher.getInstance("AES/CTR/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/CTR is not available", ex);
		}
		rekey();
	}

	/**
	 * Fill an array with random bytes.
	 * @param bytes the array, at most {@link #SIZE} long
	 */
	void next(byte[] bytes) {
		int start = take(bytes.length);
		System.arraycopy(this.block, start, bytes, 0, bytes.length);
		Arrays.fill(this.block, start, start + bytes.length, (byte) 0);
	}

	long nextLong() {
		int start = take(Long.BYTES);
		long value = 0;
		for (int i = start; i < start + Long.BYTES; i++) {
			value = (value << 8) | (this.block[i] & 0xff);
			this.block[i] = 0;
		}
		return value;
	}

	// Where the next count bytes start, refilling the block first when fewer are left.
	private int take(int count) {
		if (this.position + count > SIZE) {
			refill();
		}
		int start = this.position;
		this.position += count;
		return start;
	}

	private void refill() {
		try {
			this.keystream.doFinal(ZEROS, 0, SIZE, this.block, 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/CTR failed", ex);
		}
		// Until this returns, position stays past the end: if rekeying fails, no byte of
		// this block has been handed out, and the next call makes it again.
		rekey();
		this.position = 0;
	}

	// A fresh key, so that a counter never runs twice under one key and the key that
	// made the current block is gone.
	private void rekey() {
		byte[] key = new byte[32];
		this.keys.nextBytes(key);
		try {
			this.keystream.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), COUNTER_START);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/CTR could not take a key", ex);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	private static SecureRandom newGenerator() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

}
