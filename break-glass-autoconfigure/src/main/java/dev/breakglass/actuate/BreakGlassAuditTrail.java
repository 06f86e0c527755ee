package dev.breakglass.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.breakglass.service.BreakGlassEvent;
import dev.breakglass.service.SessionOpenedEvent;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * Appends every {@link BreakGlassEvent} to the {@link AuditTrailStore}, as the same type
 * and data that {@link BreakGlassAuditEvents} gives Spring Boot's audit trail
 * ({@link BreakGlassEventRecord}), with the requester and reason in fields of their own.
 * Never a token or an OTP. Needs nothing of Spring Boot Actuator.
 * <p>
 * A record that cannot be appended (the store's backend is down) is logged at ERROR,
 * naming the event and never its data, and the step it records stands. When the trail is
 * {@linkplain #BreakGlassAuditTrail(AuditTrailStore, boolean) required}, a
 * {@link SessionOpenedEvent} whose record cannot be appended throws instead, and
 * {@link dev.breakglass.service.BreakGlassService#open} withdraws the token it has not
 * handed out yet: no session opens unrecorded. The verification tells how many records
 * the trail holds.
 */
public final class BreakGlassAuditTrail implements ApplicationListener<BreakGlassEvent> {

	private static final Log logger = LogFactory.getLog(BreakGlassAuditTrail.class);

	private final AuditTrailStore store;

	private final boolean required;

	/**
	 * Create a listener that logs the records it cannot append.
	 * @param store where the records go
	 */
	public BreakGlassAuditTrail(AuditTrailStore store) {
		this(store, false);
	}

	/**
	 * Create a listener.
	 * @param store where the records go
	 * @param required whether a session must not open when its record cannot be appended
	 */
	public BreakGlassAuditTrail(AuditTrailStore store, boolean required) {
		Assert.notNull(store, "store must not be null");
		this.store = store;
		this.required = required;
	}

	/**
	 * Whether a session must not open when its record cannot be appended.
	 * @return whether the trail is required
	 */
	public boolean isRequired() {
		return this.required;
	}

	@Override
	public void onApplicationEvent(BreakGlassEvent event) {
		String type = BreakGlassEventRecord.type(event);
		try {
			this.store.append(entry(event, type));
		}
		catch (RuntimeException ex) {
			// store exceptions name the store and operation, never a secret
			String message = "break-glass could not append " + type + " to the audit trail: " + ex.getMessage();
			if (this.required && event instanceof SessionOpenedEvent) {
				throw new StoreUnavailableException(
						message + "; with break-glass.audit.required the session is not opened", ex);
			}
			logger.error(message);
		}
	}

	static AuditEntry entry(BreakGlassEvent event, String type) {
		Map<String, String> details = new LinkedHashMap<>();
		BreakGlassEventRecord.data(event).forEach((name, value) -> {
			if (!name.equals("requester") && !name.equals("reason")) {
				details.put(name, String.valueOf(value));
			}
		});
		return new AuditEntry(event.instant(), type, event.principal(), event.requester(), event.reason(), details);
	}

}
