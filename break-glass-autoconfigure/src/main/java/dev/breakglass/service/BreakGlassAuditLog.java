package dev.breakglass.service;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

/**
 * Writes one WARN line for every break-glass session opened or ended by an operator,
 * every request approved or approval refused, every OTP rejected, every lockout or lock,
 * every request refused because it named someone other than the signed-in principal,
 * every unlock and every surge of requests: who was signed in, who asked, why and until
 * when. The alert a log-based SIEM picks up; add a listener of your own for chat or
 * paging.
 * <p>
 * A line is {@code key=value} pairs after {@code break-glass}; every free-text value is
 * quoted, with {@code "} and {@code \} escaped and any control, format or other invisible
 * character written as {@code \}{@code uXXXX}, so no field can fake another or split the
 * line (requesters and reasons hold none of those characters anyway). No line holds a
 * secret.
 */
public final class BreakGlassAuditLog implements ApplicationListener<BreakGlassEvent> {

	private static final Log logger = LogFactory.getLog(BreakGlassAuditLog.class);

	@Override
	public void onApplicationEvent(BreakGlassEvent event) {
		String line = line(event);
		if (line != null) {
			logger.warn(line);
		}
	}

	static @Nullable String line(BreakGlassEvent event) {
		if (event instanceof SessionOpenedEvent opened) {
			return start("session-opened", event).append(" until=").append(opened.expiresAt()).toString();
		}
		if (event instanceof OtpRejectedEvent rejected) {
			return start("otp-rejected", event).append(" verification=").append(rejected.verification()).toString();
		}
		if (event instanceof BreakGlassLockedOutEvent lockedOut) {
			Instant until = lockedOut.until();
			return start((until != null) ? "locked-out" : "locked", event).append(" failed-opens=")
				.append(lockedOut.failedOpens())
				.append(" until=")
				.append((until != null) ? until : "unlock")
				.toString();
		}
		if (event instanceof RequestApprovedEvent approved) {
			return start("request-approved", event).append(" otp-until=").append(approved.otpExpiresAt()).toString();
		}
		if (event instanceof ApprovalRefusedEvent refused) {
			return start("approval-refused", event).append(" refusal=").append(refused.refusal()).toString();
		}
		if (event instanceof SessionEndedEvent) {
			return start("session-ended", event).toString();
		}
		if (event instanceof RequesterMismatchEvent) {
			return start("requester-mismatch", event).toString();
		}
		if (event instanceof BreakGlassUnlockedEvent unlocked) {
			StringBuilder line = start("unlocked", event).append(" unlocked=");
			return quote(line, unlocked.unlocked()).toString();
		}
		if (event instanceof OtpRequestSurgeEvent surge) {
			return start("request-surge", event).append(" requests=")
				.append(surge.requests())
				.append(" window-ends-in=")
				.append(surge.windowEndsIn())
				.toString();
		}
		return null;
	}

	private static StringBuilder start(String name, BreakGlassEvent event) {
		StringBuilder line = new StringBuilder("break-glass event=").append(name);
		line.append(" principal=");
		quote(line, event.principal());
		line.append(" requester=");
		quote(line, event.requester());
		line.append(" reason=");
		quote(line, event.reason());
		return event.drill() ? line.append(" drill=true") : line;
	}

	/**
	 * Append a value quoted and escaped, or {@code -} when there is none.
	 * @param line the line
	 * @param value the value
	 * @return the line
	 */
	static StringBuilder quote(StringBuilder line, @Nullable String value) {
		if (value == null) {
			return line.append('-');
		}
		line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				line.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				line.append(String.format("\\u%04x", (int) c));
			}
			else {
				line.append(c);
			}
		}
		return line.append('"');
	}

}
