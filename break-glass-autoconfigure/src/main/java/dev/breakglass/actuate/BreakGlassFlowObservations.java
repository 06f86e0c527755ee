package dev.breakglass.actuate;

import java.util.Locale;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

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
import org.springframework.context.ApplicationListener;

/**
 * Records each step of the break-glass flow, as its {@link BreakGlassEvent} is published,
 * as an observation {@value #NAME} tagged with the {@code step}, its {@code cause} (why
 * an OTP was rejected, which limit throttled, why an approval was refused, else
 * {@code none}) and whether it was a {@code drill}. Never the requester or the reason:
 * they are unbounded, and belong in the audit trail.
 */
public final class BreakGlassFlowObservations implements ApplicationListener<BreakGlassEvent> {

	/**
	 * Name of the flow observations.
	 */
	public static final String NAME = "break.glass.flow";

	private final ObservationRegistry registry;

	/**
	 * Create a listener.
	 * @param registry records the observations
	 */
	public BreakGlassFlowObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(BreakGlassEvent event) {
		Observation.createNotStarted(NAME, this.registry)
			.contextualName("break-glass " + step(event))
			.lowCardinalityKeyValues(
					KeyValues.of("step", step(event), "cause", cause(event), "drill", Boolean.toString(event.drill())))
			.start()
			.stop();
	}

	static String step(BreakGlassEvent event) {
		if (event instanceof OtpRequestedEvent) {
			return "otp.requested";
		}
		if (event instanceof OtpRejectedEvent) {
			return "otp.rejected";
		}
		if (event instanceof SessionOpenedEvent) {
			return "session.opened";
		}
		if (event instanceof SessionClosedEvent) {
			return "session.closed";
		}
		if (event instanceof SessionReplacedEvent) {
			return "session.replaced";
		}
		if (event instanceof SessionEndedEvent) {
			return "session.ended";
		}
		if (event instanceof ApprovalRequestedEvent) {
			return "approval.requested";
		}
		if (event instanceof RequestApprovedEvent) {
			return "request.approved";
		}
		if (event instanceof ApprovalRefusedEvent) {
			return "approval.refused";
		}
		if (event instanceof BreakGlassThrottledEvent) {
			return "throttled";
		}
		if (event instanceof BreakGlassLockedOutEvent) {
			return "locked-out";
		}
		if (event instanceof RequesterMismatchEvent) {
			return "requester-mismatch";
		}
		if (event instanceof BreakGlassUnlockedEvent) {
			return "unlocked";
		}
		if (event instanceof OtpRequestSurgeEvent) {
			return "request-surge";
		}
		return "other";
	}

	static String cause(BreakGlassEvent event) {
		if (event instanceof OtpRejectedEvent rejected) {
			return constant(rejected.verification());
		}
		if (event instanceof BreakGlassThrottledEvent throttled) {
			return constant(throttled.limit());
		}
		if (event instanceof ApprovalRefusedEvent refused) {
			return constant(refused.refusal());
		}
		return "none";
	}

	private static String constant(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
