package dev.breakglass.service;

/**
 * A request's reason does not hold what {@link BreakGlassJustification} requires (a
 * ticket id, say). Nothing was counted, generated or sent. The message names the pattern,
 * never the reason.
 */
public class JustificationRejectedException extends IllegalArgumentException {

	private final String pattern;

	JustificationRejectedException(String pattern) {
		super("reason must contain a match of the pattern " + pattern);
		this.pattern = pattern;
	}

	/**
	 * The pattern the reason must contain a match of.
	 * @return the pattern
	 */
	public String pattern() {
		return this.pattern;
	}

}
