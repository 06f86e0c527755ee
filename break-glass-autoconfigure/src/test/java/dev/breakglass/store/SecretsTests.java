package dev.breakglass.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets drawn from a thread's block of random bytes are all distinct and well formed,
 * across many blocks; hashes are the standard SHA-256 and HMAC-SHA-256 in lowercase
 * hexadecimal.
 */
class SecretsTests {

	@Test
	void oneTimeTokensStayDistinctAndWellFormedAcrossManyBlocksOfRandomBytes() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String token = Secrets.newOneTimeToken();
			assertThat(Secrets.isOneTimeToken(token)).isTrue();
			tokens.add(token);
		}
		assertThat(tokens).hasSize(10_000);
	}

	@Test
	void sessionTokensAndOtpsInterleavedWithTokensStayDistinctAndWellFormed() {
		Set<String> secrets = new HashSet<>();
		int otps = 0;
		for (int i = 0; i < 3_000; i++) {
			secrets.add(Secrets.newSessionToken());
			secrets.add(Secrets.newOneTimeToken());
			String otp = Secrets.newOtp(10);
			assertThat(Secrets.isOtp(otp, 10)).isTrue();
			otps += secrets.add(otp) ? 1 : 0;
		}
		assertThat(secrets).hasSize(6_000 + otps);
		assertThat(otps).isGreaterThan(2_990);
	}

	@Test
	void everyDigitOfAnOtpIsUsed() {
		Set<Character> digits = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			for (char c : Secrets.newOtp(6).toCharArray()) {
				digits.add(c);
			}
		}
		assertThat(digits).hasSize(10);
	}

	@Test
	void sha256IsTheStandardDigestInLowercaseHex() throws Exception {
		String token = Secrets.newOneTimeToken();
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		assertThat(Secrets.sha256(token)).isEqualTo(expected);
		assertThat(Secrets.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void theInMemoryDigestIsTheSha256OneCharacterPerByte() throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest("123456".getBytes(StandardCharsets.UTF_8));
		assertThat(Secrets.sha256InMemory("123456")).hasSize(32)
			.isEqualTo(new String(digest, StandardCharsets.ISO_8859_1))
			.isNotEqualTo(Secrets.sha256InMemory("123457"));
	}

	@Test
	void otpsOfEveryLengthAreZeroPaddedDigits() {
		for (int length = StoreLimits.MIN_OTP_LENGTH; length <= StoreLimits.MAX_OTP_LENGTH; length++) {
			for (int i = 0; i < 200; i++) {
				assertThat(Secrets.newOtp(length)).hasSize(length).matches("[0-9]+");
			}
		}
	}

	@Test
	void oneTimeTokenKeyIsTheSha256OfTheTokensBytesAndRefusesAnyOtherShape() throws Exception {
		String token = Secrets.newOneTimeToken();
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(token));
		DigestKey expected = new DigestKey(digest.clone());
		assertThat(Secrets.oneTimeTokenKey(token)).isEqualTo(expected).hasSameHashCodeAs(expected);
		digest[31] ^= 1;
		assertThat(Secrets.oneTimeTokenKey(token)).isNotEqualTo(new DigestKey(digest));
		assertThat(Secrets.oneTimeTokenKey(token.toUpperCase(java.util.Locale.ROOT))).isNull();
		assertThat(Secrets.oneTimeTokenKey(token.substring(1))).isNull();
		assertThat(Secrets.oneTimeTokenKey(token.substring(1) + "g")).isNull();
		assertThat(Secrets.oneTimeTokenKey(token.substring(1) + "\0")).isNull();
		assertThat(Secrets.oneTimeTokenKey("")).isNull();
	}

	@Test
	void theShapeOfAOneTimeTokenIsSixtyFourLowercaseHexDigitsAndNothingElse() {
		String token = Secrets.newOneTimeToken();
		assertThat(Secrets.isOneTimeToken("0123456789abcdef".repeat(4))).isTrue();
		for (char c : new char[] { 'g', 'A', 'F', '/', ':', '`', '@', '\0', 'é', '\u0660', '\uff10' }) {
			String changed = token.substring(0, 63) + c;
			assertThat(Secrets.isOneTimeToken(changed)).as("ends with U+%04x", (int) c).isFalse();
			assertThat(Secrets.oneTimeTokenKey(changed)).as("ends with U+%04x", (int) c).isNull();
			assertThat(Secrets.isOneTimeToken(c + token.substring(1))).as("starts with U+%04x", (int) c).isFalse();
		}
	}

	@Test
	void aKeyedOneTimeTokenIsKeptUnderTheKeyItsHolderPresents() {
		for (int i = 0; i < 100; i++) {
			Secrets.KeyedToken issued = Secrets.newKeyedOneTimeToken();
			assertThat(Secrets.isOneTimeToken(issued.token())).isTrue();
			assertThat(issued.key()).isEqualTo(Secrets.oneTimeTokenKey(issued.token()));
			assertThat(issued.toString()).doesNotContain(issued.token());
			assertThat(issued.key().toString()).isEqualTo("DigestKey[<hash>]");
		}
	}

	@Test
	void constantTimeEqualsIsEqualsOfTwoStrings() {
		String digest = Secrets.sha256("code");
		assertThat(Secrets.constantTimeEquals(digest, Secrets.sha256("code"))).isTrue();
		assertThat(Secrets.constantTimeEquals(digest, digest.substring(0, 63) + "x")).isFalse();
		assertThat(Secrets.constantTimeEquals(digest, "x" + digest.substring(1))).isFalse();
		assertThat(Secrets.constantTimeEquals(digest, digest.substring(1))).isFalse();
		assertThat(Secrets.constantTimeEquals(digest, digest + "0")).isFalse();
		assertThat(Secrets.constantTimeEquals("", "")).isTrue();
		assertThat(Secrets.constantTimeEquals(digest, null)).isFalse();
	}

	@Test
	void uniqueIdsAreDistinct() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(Secrets.newUniqueId());
		}
		assertThat(ids).hasSize(10_000).allSatisfy((id) -> assertThat(id).hasSize(32).matches("[0-9a-f]{32}"));
	}

	@Test
	void otpHashIsTheStandardHmacInLowercaseHexAndRepeatable() throws Exception {
		byte[] key = "+nk9hAYfAt4ajxEN5UCJ0lWp0EHetEa0JzfLDQYcws8=".getBytes(StandardCharsets.UTF_8);
		SecretHasher hasher = new SecretHasher(key);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		String expected = HexFormat.of().formatHex(mac.doFinal("123456".getBytes(StandardCharsets.UTF_8)));
		assertThat(hasher.hash("123456")).isEqualTo(expected);
		assertThat(hasher.hash("654321")).isNotEqualTo(expected);
		assertThat(hasher.hash("123456")).isEqualTo(expected);
	}

	@Test
	void keyDerivationIsHkdfSha256AsRfc5869TestCase1() {
		HexFormat hex = HexFormat.of();
		byte[] okm = SecretHasher.hkdf(hex.parseHex("000102030405060708090a0b0c"),
				hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"));
		// the first 32 of the 42 bytes of OKM the RFC gives
		assertThat(hex.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
	}

	@Test
	void labelsDeriveUnrelatedKeys() {
		byte[] secret = new byte[32];
		String otp = SecretHasher.derive(secret, "break-glass otp v1").hash("123456");
		String session = SecretHasher.derive(secret, "break-glass session-token v1").hash("123456");
		assertThat(otp).isNotEqualTo(session).isNotEqualTo(new SecretHasher(secret).hash("123456"));
		assertThat(SecretHasher.derive(secret, "break-glass otp v1").hash("123456")).isEqualTo(otp);
	}

}
