package dev.breakglass.store;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A SHA-256 digest as a map key, so that a map in the heap holds digests, never secrets.
 * Its hash code is the digest's first four bytes, uniformly distributed already, so a
 * lookup hashes nothing; two keys are equal when their digests are. A lookup that
 * compares digests tells, by its timing, nothing of the secret whose digest is looked up,
 * as an index lookup on a hash column does not.
 */
public final class DigestKey {

	private final byte[] digest;

	private final int hash;

	DigestKey(byte[] digest) {
		if (digest.length < Integer.BYTES) {
			throw new IllegalArgumentException("digest must have at least 4 bytes");
		}
		this.digest = digest;
		this.hash = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
				| (digest[3] & 0xff);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof DigestKey key && Arrays.equals(this.digest, key.digest);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return "DigestKey[<hash>]";
	}

}
