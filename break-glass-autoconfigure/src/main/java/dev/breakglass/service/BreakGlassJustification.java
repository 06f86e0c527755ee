package dev.breakglass.service;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a reason must hold to be accepted, such as a ticket id: any reason, or one that
 * contains a match of a pattern (anchor it with {@code ^} and {@code $} to make it
 * describe the whole reason). A reason that breaks the rule is refused before anything is
 * counted, generated or sent.
 */
public final class BreakGlassJustification {

	private static final BreakGlassJustification ANY = new BreakGlassJustification(null);

	private final @Nullable Pattern pattern;

	private BreakGlassJustification(@Nullable Pattern pattern) {
		this.pattern = pattern;
	}

	/**
	 * Accept any reason (that a {@link BreakGlassRequest} accepts).
	 * @return the rule
	 */
	public static BreakGlassJustification any() {
		return ANY;
	}

	/**
	 * Accept a reason that contains a match of the pattern.
	 * @param pattern the pattern, for example {@code \b(INC|CHG)-\d+\b}
	 * @return the rule
	 */
	public static BreakGlassJustification matching(Pattern pattern) {
		Assert.notNull(pattern, "pattern must not be null");
		return new BreakGlassJustification(pattern);
	}

	/**
	 * Check a reason.
	 * @param reason the reason
	 * @throws JustificationRejectedException if it holds no match of the pattern
	 */
	void check(String reason) {
		if (this.pattern != null && !this.pattern.matcher(reason).find()) {
			throw new JustificationRejectedException(this.pattern.pattern());
		}
	}

	@Override
	public String toString() {
		return (this.pattern != null) ? "BreakGlassJustification[pattern=" + this.pattern.pattern() + "]"
				: "BreakGlassJustification[any]";
	}

}
