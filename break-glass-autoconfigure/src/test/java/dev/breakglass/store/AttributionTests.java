package dev.breakglass.store;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AttributionTests {

	@ParameterizedTest
	@MethodSource("badValues")
	void aBadRequesterIsRejectedNamingTheFieldWithoutRepeatingIt(String bad, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Attribution(bad, "reason"))
			.withMessageStartingWith("requester must")
			.withMessageContaining(problem)
			.satisfies((ex) -> {
				if (bad != null && bad.length() > 3) {
					assertThat(ex.getMessage()).doesNotContain(bad);
				}
			});
	}

	@ParameterizedTest
	@MethodSource("badValues")
	void aBadReasonIsRejectedNamingTheField(String bad, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Attribution("alice", bad))
			.withMessageStartingWith("reason must")
			.withMessageContaining(problem);
	}

	static Stream<Arguments> badValues() {
		return Stream.of(Arguments.of(null, "null"), Arguments.of("", "blank"), Arguments.of(" \t", "blank"),
				Arguments.of("x".repeat(1001), "at most"), Arguments.of("alice\nFAKE audit line", "control"),
				Arguments.of("alice\r", "control"), Arguments.of("a\u0000b", "NUL"),
				Arguments.of("a\u001b[31m", "control"), Arguments.of("a\u2028b", "line breaks"),
				Arguments.of("a\u0085b", "control"),
				// right-to-left override, isolates, zero-width space and joiner, BOM,
				// soft hyphen
				Arguments.of("admin\u202e' because 'x", "format"), Arguments.of("a\u2066b\u2069", "format"),
				Arguments.of("ad\u200bmin", "format"), Arguments.of("ad\u200dmin", "format"),
				Arguments.of("\ufeffadmin", "format"), Arguments.of("ad\u00admin", "format"),
				// lone surrogates, private use, unassigned, Hangul filler
				Arguments.of("a\ud800b", "surrogates"), Arguments.of("a\udc00", "surrogates"),
				Arguments.of("a\ue000", "unassigned"), Arguments.of("a\u0378", "unassigned"),
				Arguments.of("adm\u3164in", "invisible"));
	}

	@Test
	void visibleTextOfAnyScriptAndEmojiIsAccepted() {
		Attribution attribution = new Attribution("Zoë Ødegård 山田 \ud83d\ude80", "INC-4711: база данных недоступна");
		assertThat(attribution.requester()).endsWith("\ud83d\ude80");
	}

	@Test
	void theRequesterIsBoundedMoreTightlyThanTheReason() {
		new Attribution("r".repeat(Attribution.MAX_REQUESTER_LENGTH), "w".repeat(Attribution.MAX_REASON_LENGTH));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Attribution("r".repeat(Attribution.MAX_REQUESTER_LENGTH + 1), "why"))
			.withMessageStartingWith("requester must")
			.withMessageContaining("at most 200 characters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Attribution("alice", "w".repeat(Attribution.MAX_REASON_LENGTH + 1)))
			.withMessageStartingWith("reason must")
			.withMessageContaining("at most 1000 characters");
	}

}
