package dev.breakglass.store;

import org.springframework.util.Assert;

/**
 * Who asked for a secret and why, kept with the pending OTP and with the session token it
 * opens. Not a secret, but written by whoever asks: both parts are required, non-blank,
 * bounded and free of control characters, so that they can be stored, logged and shown
 * without breaking a log line, a key or a column. Backends never use them in a key
 * unhashed.
 *
 * @param requester who asks, at most {@value #MAX_REQUESTER_LENGTH} characters
 * @param reason why, at most {@value #MAX_REASON_LENGTH} characters
 */
public record Attribution(String requester, String reason) {

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
	 * too long or holds a control character
	 */
	public Attribution {
		check(requester, "requester", MAX_REQUESTER_LENGTH);
		check(reason, "reason", MAX_REASON_LENGTH);
	}

	/**
	 * Check one part of an attribution. The message names the field and never repeats the
	 * value.
	 * @param value the value
	 * @param name its name
	 * @param maxLength the longest accepted
	 */
	static void check(String value, String name, int maxLength) {
		StoreLimits.checkText(value, name, maxLength);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			// Line and paragraph separators break log lines as a newline would.
			Assert.isTrue(!Character.isISOControl(c) && c != '\u2028' && c != '\u2029',
					() -> name + " must not contain control characters or line breaks");
		}
	}

}
