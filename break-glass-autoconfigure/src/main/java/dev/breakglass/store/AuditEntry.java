package dev.breakglass.store;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One step of the break-glass flow as the audit trail records it: when, what, who was
 * signed in, who asked and why, and the step's details. Never a secret.
 *
 * @param recordedAt when it happened, to the millisecond
 * @param type what happened, such as {@code BREAK_GLASS_SESSION_OPENED}
 * @param principal who was signed in, or {@code null}
 * @param requester who asked, or {@code null} when not known
 * @param reason why, or {@code null} when not known
 * @param details the step's details, by name
 */
public record AuditEntry(Instant recordedAt, String type, @Nullable String principal, @Nullable String requester,
		@Nullable String reason, Map<String, String> details) {

	/**
	 * Longest type accepted.
	 */
	public static final int MAX_TYPE_LENGTH = 100;

	/**
	 * Create an entry.
	 * @throws IllegalArgumentException if a part is missing, too long or holds a control
	 * character
	 */
	public AuditEntry {
		Assert.notNull(recordedAt, "recordedAt must not be null");
		Attribution.checkText(type, "type", MAX_TYPE_LENGTH);
		if (principal != null) {
			Attribution.checkText(principal, "principal", Attribution.MAX_REQUESTER_LENGTH);
		}
		if (requester != null) {
			Attribution.checkText(requester, "requester", Attribution.MAX_REQUESTER_LENGTH);
		}
		if (reason != null) {
			Attribution.checkText(reason, "reason", Attribution.MAX_REASON_LENGTH);
		}
		Assert.notNull(details, "details must not be null");
		recordedAt = Instant.ofEpochMilli(recordedAt.toEpochMilli());
		details = Map.copyOf(details);
	}

}
