package dev.breakglass.store.redis;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisValueCodecTests {

	@Test
	void encodeWritesTheVersionAndLengthPrefixedFields() {
		assertThat(RedisValueCodec.encode("abc", "", "1767225600000")).isEqualTo("v1;3:abc;0:;13:1767225600000");
		assertThat(RedisValueCodec.encode()).isEqualTo("v1");
	}

	@Test
	void fieldsRoundTripWhateverTheyHold() {
		List<String> fields = List.of(";", ":", "3:abc", "v1;1:x", "line\nbreak", "é 漢字 😀", "\0", "");
		String value = RedisValueCodec.encode(fields.toArray(String[]::new));
		assertThat(RedisValueCodec.decode(value, fields.size())).isEqualTo(fields);
	}

	@Test
	void prefixMatchesExactlyTheValuesThatStartWithTheseFields() {
		String prefix = RedisValueCodec.prefix("abc");
		assertThat(RedisValueCodec.encode("abc", "x")).startsWith(prefix);
		assertThat(RedisValueCodec.encode("abcd", "x")).doesNotStartWith(prefix);
		assertThat(RedisValueCodec.encode("ab", "c;x")).doesNotStartWith(prefix);
		assertThat(RedisValueCodec.encode("abc")).doesNotStartWith(prefix);
	}

	@Test
	void decodeWhenTheFieldCountDiffersThenRejected() {
		String value = RedisValueCodec.encode("a", "b");
		assertThatExceptionOfType(InvalidRedisValueException.class).isThrownBy(() -> RedisValueCodec.decode(value, 1))
			.withMessage("v1 value has more than 1 fields");
		assertThatExceptionOfType(InvalidRedisValueException.class).isThrownBy(() -> RedisValueCodec.decode(value, 3))
			.withMessage("v1 value has 2 fields instead of 3");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "v", "v2", "v2;1:a", "V1;1:a", "v10;1:a", "v1:1:a", " v1;1:a", "v1;1a", "v1;+1:a",
			"v1;-1:a", "v1;2:a", "v1;1:ab", "v1;1:a;", "v1;1234567890:a", "v1;١:a" })
	void decodeWhenTheValueIsNotOneFieldOfV1ThenRejectedWithoutRepeatingIt(String value) {
		assertThatExceptionOfType(InvalidRedisValueException.class).isThrownBy(() -> RedisValueCodec.decode(value, 1))
			.satisfies((ex) -> {
				if (value.length() > 3) {
					assertThat(ex.getMessage()).doesNotContain(value);
				}
			});
	}

	@Test
	void millisRoundTripAndAnythingElseIsRejected() {
		for (long millis : new long[] { 0, 1767225600123L, -1, Long.MAX_VALUE, Long.MIN_VALUE }) {
			assertThat(RedisValueCodec.decodeMillis(RedisValueCodec.encodeMillis(millis))).isEqualTo(millis);
		}
		for (String field : new String[] { "", "-", "+1", "1.5", "1e3", " 1", "99999999999999999999", "١" }) {
			assertThatExceptionOfType(InvalidRedisValueException.class)
				.isThrownBy(() -> RedisValueCodec.decodeMillis(field));
		}
	}

}
