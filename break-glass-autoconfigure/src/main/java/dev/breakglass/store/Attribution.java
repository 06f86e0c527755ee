package dev.breakglass.store;

import org.springframework.util.Assert;

/**
 * Who asked for a secret and why, kept with the pending OTP and with the session token it
 * opens. Not a secret, but written by whoever asks: both parts are required, non-blank,
 * bounded and free of control characters, line breaks and invisible characters (see
 * {@link #checkText}), so that they can be stored, logged and shown without breaking a
 * log line, a key or a column, and without one string looking like another. Backends
 * never use them in a key unhashed.
 *
 * @param requester who asks, at most {@value #MAX_REQUESTER_LENGTH} characters
 * @param reason why, at most {@value #MAX_REASON_LENGTH} characters
 * @param drill whether the request is a drill: it runs the whole flow, and its session
 * grants only the drill authority
 */
public record Attribution(String requester, String reason, boolean drill) {

	/**
	 * Longest requester accepted.
	 */
	public static final int MAX_REQUESTER_LENGTH = 200;

	/**
	 * Longest reason accepted.
	 */
	public static final int MAX_REASON_LENGTH = 1000;

	/**
	 * Create an attribution.
	 * @param requester who asks
	 * @param reason why
	 * @throws IllegalArgumentException naming the field when either is missing, blank,
	 * too long or holds a control, line-breaking or invisible character
	 */
	public Attribution {
		checkText(requester, "requester", MAX_REQUESTER_LENGTH);
		checkText(reason, "reason", MAX_REASON_LENGTH);
	}

	/**
	 * Create the attribution of a request that is not a drill.
	 * @param requester who asks
	 * @param reason why
	 * @throws IllegalArgumentException naming the field when either is missing, blank,
	 * too long or holds a control, line-breaking or invisible character
	 */
	public Attribution(String requester, String reason) {
		this(requester, reason, false);
	}

	/**
	 * Check text that someone other than the application wrote and that is stored, logged
	 * and shown: a requester, a reason, the subject of a one-time token. It must be
	 * non-blank, bounded, and hold no control character, no line or paragraph separator,
	 * no format character (bidirectional overrides and isolates, zero-width spaces and
	 * joiners, the byte order mark: they make one string look like another or reorder a
	 * log line as shown), no lone surrogate, no private-use or unassigned code point, and
	 * no Hangul filler (a letter that shows as nothing). The message names the field and
	 * never repeats the value.
	 * @param value the value
	 * @param name its name
	 * @param maxLength the longest accepted, in UTF-16 units
	 * @return the value
	 * @throws IllegalArgumentException if the value breaks a rule
	 */
	public static String checkText(String value, String name, int maxLength) {
		StoreLimits.checkText(value, name, maxLength);
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			switch (Character.getType(c)) {
				case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
					throw new IllegalArgumentException(name + " must not contain control characters or line breaks");
				case Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED ->
					throw new IllegalArgumentException(
							name + " must not contain invisible or format characters (such as bidirectional controls "
									+ "or zero-width spaces), lone surrogates or unassigned code points");
				default -> {
					if (c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0) {
						throw new IllegalArgumentException(name + " must not contain invisible characters");
					}
				}
			}
			i += Character.charCount(c);
		}
		return value;
	}

}
