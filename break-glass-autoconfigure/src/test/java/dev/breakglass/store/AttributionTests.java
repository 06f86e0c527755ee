package dev.breakglass.store;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
					org.assertj.core.api.Assertions.assertThat(ex.getMessage()).doesNotContain(bad);
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
				Arguments.of("a\u0085b", "control"));
	}

	@org.junit.jupiter.api.Test
	void theRequesterIsBoundedMoreTightlyThanTheReason() {
		new Attribution("r".repeat(Attribution.MAX_REQUESTER_LENGTH), "w".repeat(Attribution.MAX_REASON_LENGTH));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Attribution("r".repeat(Attribution.MAX_REQUESTER_LENGTH + 1), "why"))
			.withMessage("requester must be at most 200 characters, but has 201");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Attribution("alice", "w".repeat(Attribution.MAX_REASON_LENGTH + 1)))
			.withMessage("reason must be at most 1000 characters, but has 1001");
	}

}
