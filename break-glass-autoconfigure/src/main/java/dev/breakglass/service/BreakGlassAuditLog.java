package dev.breakglass.service;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;

/**
 * Writes one WARN line for every break-glass session opened and every lockout: who, why
 * and until when. The alert a log-based SIEM picks up; add a listener of your own for
 * chat or paging. Requesters and reasons hold no control characters, so a line cannot be
 * split or forged; no line holds a secret.
 */
public final class BreakGlassAuditLog implements ApplicationListener<BreakGlassEvent> {

	private static final Log logger = LogFactory.getLog(BreakGlassAuditLog.class);

	@Override
	public void onApplicationEvent(BreakGlassEvent event) {
		if (event instanceof SessionOpenedEvent opened) {
			logger.warn("Break-glass session opened by '" + opened.requester() + "' because '" + opened.reason()
					+ "', until " + opened.expiresAt());
		}
		else if (event instanceof BreakGlassLockedOutEvent lockedOut) {
			logger.warn("Break-glass locked out after " + lockedOut.failedOpens() + " consecutive failed opens, until "
					+ lockedOut.until() + "; the last was presented "
					+ ((lockedOut.request() != null) ? "against the OTP requested by '" + lockedOut.requester()
							+ "' because '" + lockedOut.reason() + "'" : "when no OTP was pending"));
		}
	}

}
