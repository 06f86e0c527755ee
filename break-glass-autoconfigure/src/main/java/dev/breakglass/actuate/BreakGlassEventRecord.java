package dev.breakglass.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.breakglass.service.ApprovalRefusedEvent;
import dev.breakglass.service.ApprovalRequestedEvent;
import dev.breakglass.service.BreakGlassEvent;
import dev.breakglass.service.BreakGlassLockedOutEvent;
import dev.breakglass.service.BreakGlassThrottledEvent;
import dev.breakglass.service.BreakGlassUnlockedEvent;
import dev.breakglass.service.OtpRejectedEvent;
import dev.breakglass.service.OtpRequestSurgeEvent;
import dev.breakglass.service.OtpRequestedEvent;
import dev.breakglass.service.RequestApprovedEvent;
import dev.breakglass.service.RequesterMismatchEvent;
import dev.breakglass.service.SessionClosedEvent;
import dev.breakglass.service.SessionEndedEvent;
import dev.breakglass.service.SessionOpenedEvent;
import dev.breakglass.service.SessionReplacedEvent;

/**
 * What the audit record of a {@link BreakGlassEvent} says, for Spring Boot's audit events
 * ({@link BreakGlassAuditEvents}) and for the audit trail ({@link BreakGlassAuditTrail})
 * alike: its type, one of the {@code BreakGlassAuditEvents.BREAK_GLASS_*} constants, and
 * its data, the reason and the step's details. Never a token or an OTP. Needs nothing of
 * Spring Boot Actuator, so that the trail is written without it.
 */
final class BreakGlassEventRecord {

	private BreakGlassEventRecord() {
	}

	static String type(BreakGlassEvent event) {
		if (event instanceof OtpRequestedEvent) {
			return BreakGlassAuditEvents.OTP_REQUESTED;
		}
		if (event instanceof OtpRejectedEvent) {
			return BreakGlassAuditEvents.OTP_REJECTED;
		}
		if (event instanceof ApprovalRequestedEvent) {
			return BreakGlassAuditEvents.APPROVAL_REQUESTED;
		}
		if (event instanceof RequestApprovedEvent) {
			return BreakGlassAuditEvents.REQUEST_APPROVED;
		}
		if (event instanceof ApprovalRefusedEvent) {
			return BreakGlassAuditEvents.APPROVAL_REFUSED;
		}
		if (event instanceof SessionOpenedEvent) {
			return BreakGlassAuditEvents.SESSION_OPENED;
		}
		if (event instanceof SessionClosedEvent) {
			return BreakGlassAuditEvents.SESSION_CLOSED;
		}
		if (event instanceof SessionEndedEvent) {
			return BreakGlassAuditEvents.SESSION_ENDED;
		}
		if (event instanceof SessionReplacedEvent) {
			return BreakGlassAuditEvents.SESSION_REPLACED;
		}
		if (event instanceof BreakGlassThrottledEvent) {
			return BreakGlassAuditEvents.THROTTLED;
		}
		if (event instanceof BreakGlassLockedOutEvent) {
			return BreakGlassAuditEvents.LOCKED_OUT;
		}
		if (event instanceof RequesterMismatchEvent) {
			return BreakGlassAuditEvents.REQUESTER_MISMATCH;
		}
		if (event instanceof BreakGlassUnlockedEvent) {
			return BreakGlassAuditEvents.UNLOCKED;
		}
		if (event instanceof OtpRequestSurgeEvent) {
			return BreakGlassAuditEvents.REQUEST_SURGE;
		}
		return "BREAK_GLASS_" + event.getClass().getSimpleName();
	}

	static Map<String, Object> data(BreakGlassEvent event) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (event.principal() != null && event.requester() != null && !event.principal().equals(event.requester())) {
			data.put("requester", event.requester());
		}
		if (event.reason() != null) {
			data.put("reason", event.reason());
		}
		if (event.drill()) {
			data.put("drill", true);
		}
		if (event instanceof OtpRequestedEvent requested) {
			data.put("expiresAt", requested.expiresAt().toString());
		}
		else if (event instanceof OtpRejectedEvent rejected) {
			data.put("verification", rejected.verification().name());
		}
		else if (event instanceof ApprovalRequestedEvent requested) {
			data.put("expiresAt", requested.expiresAt().toString());
		}
		else if (event instanceof RequestApprovedEvent approved) {
			data.put("otpExpiresAt", approved.otpExpiresAt().toString());
		}
		else if (event instanceof ApprovalRefusedEvent refused) {
			data.put("refusal", refused.refusal().name());
		}
		else if (event instanceof SessionOpenedEvent opened) {
			data.put("expiresAt", opened.expiresAt().toString());
		}
		else if (event instanceof SessionReplacedEvent replaced) {
			data.put("replacedBy", replaced.replacedBy().requester());
			data.put("replacedByReason", replaced.replacedBy().reason());
		}
		else if (event instanceof BreakGlassThrottledEvent throttled) {
			data.put("limit", throttled.limit().name());
			data.put("retryAfter", throttled.retryAfter().toString());
		}
		else if (event instanceof BreakGlassLockedOutEvent lockedOut) {
			data.put("failedOpens", lockedOut.failedOpens());
			data.put("until", (lockedOut.until() != null) ? lockedOut.until().toString() : "unlocked by an operator");
		}
		else if (event instanceof BreakGlassUnlockedEvent unlocked) {
			data.put("unlocked", unlocked.unlocked());
		}
		else if (event instanceof OtpRequestSurgeEvent surge) {
			data.put("requests", surge.requests());
			data.put("windowEndsIn", surge.windowEndsIn().toString());
		}
		return data;
	}

}
