package dev.breakglass.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.breakglass.service.BreakGlassEvent;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditTrailStore;
import org.springframework.context.ApplicationListener;

/**
 * Appends every {@link BreakGlassEvent} to the {@link AuditTrailStore}, as the same type
 * and data that {@link BreakGlassAuditEvents} gives Spring Boot's audit trail, with the
 * requester and reason in fields of their own. Never a token or an OTP.
 * <p>
 * A record that cannot be appended (the store's backend is down) is logged at ERROR,
 * naming the event and never its data, and the step it records stands: the flow has
 * already acted when its event is published, and an exception here would lose the token
 * of a session already opened. The verification tells how many records the trail holds.
 */
public final class BreakGlassAuditTrail implements ApplicationListener<BreakGlassEvent> {

	private static final Log logger = LogFactory.getLog(BreakGlassAuditTrail.class);

	private final AuditTrailStore store;

	/**
	 * Create a listener.
	 * @param store where the records go
	 */
	public BreakGlassAuditTrail(AuditTrailStore store) {
		this.store = store;
	}

	@Override
	public void onApplicationEvent(BreakGlassEvent event) {
		String type = BreakGlassAuditEvents.type(event);
		try {
			this.store.append(entry(event, type));
		}
		catch (RuntimeException ex) {
			// store exceptions name the store and operation, never a secret
			logger.error("break-glass could not append " + type + " to the audit trail: " + ex.getMessage());
		}
	}

	static AuditEntry entry(BreakGlassEvent event, String type) {
		Map<String, String> details = new LinkedHashMap<>();
		BreakGlassAuditEvents.data(event).forEach((name, value) -> {
			if (!name.equals("requester") && !name.equals("reason")) {
				details.put(name, String.valueOf(value));
			}
		});
		return new AuditEntry(event.instant(), type, event.principal(), event.requester(), event.reason(), details);
	}

}
