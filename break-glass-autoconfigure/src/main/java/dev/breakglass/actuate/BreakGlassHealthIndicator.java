package dev.breakglass.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of break-glass's stores: {@code DOWN} when any store's backend cannot be reached
 * or cannot be used (such as the starter's tables missing on jpa), with each store's
 * backend and status in the details. Each store is asked something that changes nothing a
 * caller could see: a look-up or removal of a random secret nobody holds, or a read of
 * the pending OTP or of the last audit record.
 */
public final class BreakGlassHealthIndicator extends AbstractHealthIndicator {

	private static final String PROBE_URL = "https://break-glass.invalid/health";

	private final Map<String, Object> stores;

	/**
	 * Create a health indicator.
	 * @param stores the stores to check, by name
	 */
	public BreakGlassHealthIndicator(Map<String, Object> stores) {
		super("Break-glass health check failed");
		this.stores = stores;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		Map<String, Object> details = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : this.stores.entrySet()) {
			Map<String, String> store = new LinkedHashMap<>();
			store.put("backend", BreakGlassStore.backend(entry.getValue()));
			try {
				probe(entry.getValue());
				store.put("status", "UP");
			}
			catch (RuntimeException ex) {
				up = false;
				store.put("status", "DOWN");
				// store exceptions name the store and operation, never a secret
				store.put("error", ex.getClass().getName() + ": " + ex.getMessage());
			}
			details.put(entry.getKey(), store);
		}
		(up ? builder.up() : builder.down()).withDetails(details);
	}

	private static void probe(Object store) {
		if (store instanceof BreakGlassTokenStore tokens) {
			tokens.lookup(Secrets.newSessionToken());
		}
		else if (store instanceof OtpStore otps) {
			try {
				otps.pending();
			}
			catch (UnsupportedOperationException ex) {
				// a store of the application's own: nothing to ask it that would not
				// spend
				// the OTP
			}
		}
		else if (store instanceof AttemptCounterStore counters) {
			counters.reset("health:" + Secrets.newSessionToken());
		}
		else if (store instanceof AuthorizationCodeStore codes) {
			codes.take(Secrets.sha256(Secrets.newSessionToken()));
		}
		else if (store instanceof MetadataCache cache) {
			cache.get(PROBE_URL);
		}
		else if (store instanceof OneTimeTokenStore tokens) {
			tokens.consume(Secrets.sha256(Secrets.newSessionToken()), TokenKind.MAGIC_LINK);
		}
		else if (store instanceof AuditTrailStore trail) {
			trail.latest(1);
		}
	}

}
