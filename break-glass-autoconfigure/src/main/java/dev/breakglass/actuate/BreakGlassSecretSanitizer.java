package dev.breakglass.actuate;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides {@code break-glass.secret} in {@code /actuator/env} and
 * {@code /actuator/configprops}, whatever {@code show-values} says and however the key is
 * spelt ({@code break-glass.secret}, {@code BREAK_GLASS_SECRET},
 * {@code breakGlass.secret}): every key derived from it is the key of the stored hashes.
 */
public final class BreakGlassSecretSanitizer implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		StringBuilder letters = new StringBuilder(key.length());
		key.toLowerCase(Locale.ROOT).chars().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
		return letters.toString().equals("breakglasssecret");
	}

}
