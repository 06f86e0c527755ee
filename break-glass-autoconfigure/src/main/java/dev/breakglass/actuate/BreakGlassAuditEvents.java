package dev.breakglass.actuate;

import dev.breakglass.service.BreakGlassEvent;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Turns each {@link BreakGlassEvent} into an {@link AuditApplicationEvent}, for Spring
 * Boot's audit trail: the principal is who was signed in, or, with no one signed in, the
 * requester ({@value #UNKNOWN_PRINCIPAL} when the flow does not know one); the requester
 * is in the data too wherever it differs from the principal. The type one of the
 * {@code BREAK_GLASS_*} constants, the data the reason and the step's details. Never a
 * token or an OTP.
 */
public final class BreakGlassAuditEvents implements ApplicationListener<BreakGlassEvent> {

	/**
	 * Principal of an event whose requester is unknown (an OTP presented when none was
	 * pending, an open refused by a lockout).
	 */
	public static final String UNKNOWN_PRINCIPAL = "unknown";

	/**
	 * An OTP was requested and sent.
	 */
	public static final String OTP_REQUESTED = "BREAK_GLASS_OTP_REQUESTED";

	/**
	 * A request waits for a second person's approval.
	 */
	public static final String APPROVAL_REQUESTED = "BREAK_GLASS_APPROVAL_REQUESTED";

	/**
	 * A second person approved a request; its OTP went to the requester.
	 */
	public static final String REQUEST_APPROVED = "BREAK_GLASS_REQUEST_APPROVED";

	/**
	 * An approval was refused (unknown token, timed out, or the requester's own).
	 */
	public static final String APPROVAL_REFUSED = "BREAK_GLASS_APPROVAL_REFUSED";

	/**
	 * An OTP presented to open a session was rejected.
	 */
	public static final String OTP_REJECTED = "BREAK_GLASS_OTP_REJECTED";

	/**
	 * A session was opened.
	 */
	public static final String SESSION_OPENED = "BREAK_GLASS_SESSION_OPENED";

	/**
	 * A session was closed.
	 */
	public static final String SESSION_CLOSED = "BREAK_GLASS_SESSION_CLOSED";

	/**
	 * An operator ended the open session without its token.
	 */
	public static final String SESSION_ENDED = "BREAK_GLASS_SESSION_ENDED";

	/**
	 * A session was replaced by a newer one.
	 */
	public static final String SESSION_REPLACED = "BREAK_GLASS_SESSION_REPLACED";

	/**
	 * An attempt was refused by a limit.
	 */
	public static final String THROTTLED = "BREAK_GLASS_THROTTLED";

	/**
	 * Consecutive failed opens locked the flow out.
	 */
	public static final String LOCKED_OUT = "BREAK_GLASS_LOCKED_OUT";

	/**
	 * A signed-in principal named someone else as the requester: refused.
	 */
	public static final String REQUESTER_MISMATCH = "BREAK_GLASS_REQUESTER_MISMATCH";

	/**
	 * An operator ended a principal's lockouts.
	 */
	public static final String UNLOCKED = "BREAK_GLASS_UNLOCKED";

	/**
	 * The OTP requests of all signed-in requesters reached the overall figure: an alert.
	 */
	public static final String REQUEST_SURGE = "BREAK_GLASS_REQUEST_SURGE";

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a listener.
	 * @param publisher publishes the audit events
	 */
	public BreakGlassAuditEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(BreakGlassEvent event) {
		String principal = (event.principal() != null) ? event.principal()
				: (event.requester() != null) ? event.requester() : UNKNOWN_PRINCIPAL;
		this.publisher.publishEvent(new AuditApplicationEvent(new AuditEvent(event.instant(), principal,
				BreakGlassEventRecord.type(event), BreakGlassEventRecord.data(event))));
	}

}
