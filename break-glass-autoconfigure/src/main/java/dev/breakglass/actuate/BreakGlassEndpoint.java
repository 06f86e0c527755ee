package dev.breakglass.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassLockout;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.PendingOtpStatus;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} {@code breakglass}: whether a break-glass session is open,
 * by whom, why and until when; whether an OTP is pending, for whom and until when; the
 * limits that hold for everyone; and each store's backend. The read changes nothing; it
 * never shows a token, an OTP or a hash. A part the store cannot tell (a store of the
 * application's own without the read-only methods, or a backend that cannot be reached)
 * is {@code null}, with the reason in {@code unavailable}.
 * <p>
 * Its one write, a {@code DELETE}, ends the open session without its token
 * ({@link BreakGlassService#end}, audited with the operator as the principal). The
 * endpoint's default access is read-only, so the write needs
 * {@code management.endpoint.breakglass.access=unrestricted}, and it should sit behind an
 * operator's role.
 */
@Endpoint(id = "breakglass", defaultAccess = Access.READ_ONLY)
public class BreakGlassEndpoint {

	private final BreakGlassService service;

	private final OtpStore otpStore;

	private final Map<String, Object> stores;

	private final Clock clock;

	/**
	 * Create an endpoint.
	 * @param service tells the open session
	 * @param otpStore tells the pending OTP
	 * @param stores the stores by name, whose backends to show
	 * @param clock turns the OTP's remaining time into an instant
	 */
	public BreakGlassEndpoint(BreakGlassService service, OtpStore otpStore, Map<String, Object> stores, Clock clock) {
		this.service = service;
		this.otpStore = otpStore;
		this.stores = stores;
		this.clock = clock;
	}

	@ReadOperation
	public BreakGlassDescriptor breakGlass() {
		Map<String, String> unavailable = new LinkedHashMap<>();
		SessionDescriptor session = read("session", unavailable,
				() -> this.service.activeSession().map(SessionDescriptor::of).orElse(SessionDescriptor.CLOSED));
		OtpDescriptor otp = read("otp", unavailable,
				() -> this.otpStore.pending().map(this::otp).orElse(OtpDescriptor.NONE));
		List<LockoutDescriptor> lockouts = read("lockouts", unavailable,
				() -> this.service.lockouts().stream().map(this::lockout).toList());
		Map<String, String> backends = new LinkedHashMap<>();
		this.stores.forEach((name, store) -> backends.put(name, BreakGlassStore.backend(store)));
		return new BreakGlassDescriptor(session, otp, lockouts, backends, unavailable);
	}

	/**
	 * End the open session, whatever it is.
	 * @return the ended session, or {@link SessionDescriptor#CLOSED} when none was open
	 */
	@DeleteOperation
	public SessionDescriptor endSession() {
		return this.service.end().map(SessionDescriptor::of).orElse(SessionDescriptor.CLOSED);
	}

	private LockoutDescriptor lockout(BreakGlassLockout lockout) {
		return new LockoutDescriptor(lockout.limit(), this.clock.instant().plus(lockout.retryAfter()));
	}

	private OtpDescriptor otp(PendingOtpStatus pending) {
		return new OtpDescriptor(true, this.clock.instant().plus(pending.expiresIn()),
				pending.attribution().requester(), pending.attribution().reason(), pending.attribution().drill());
	}

	private static <T> @Nullable T read(String part, Map<String, String> unavailable, Supplier<T> reader) {
		try {
			return reader.get();
		}
		catch (UnsupportedOperationException ex) {
			unavailable.put(part, "the store cannot tell");
			return null;
		}
		catch (StoreUnavailableException ex) {
			// the message names the store and the operation, never a secret
			unavailable.put(part, ex.getMessage());
			return null;
		}
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param session the open session, or {@code null} if it cannot be told
	 * @param otp the pending OTP, or {@code null} if it cannot be told
	 * @param lockouts the limits that hold for everyone (overall OTP requests used up,
	 * opens locked out), or {@code null} if they cannot be told
	 * @param stores each store's backend, by store
	 * @param unavailable why a part is {@code null}, by part
	 */
	public record BreakGlassDescriptor(@Nullable SessionDescriptor session, @Nullable OtpDescriptor otp,
			@Nullable List<LockoutDescriptor> lockouts, Map<String, String> stores,
			Map<String, String> unavailable) implements OperationResponseBody {

	}

	/**
	 * The break-glass session.
	 *
	 * @param open whether a session is open
	 * @param requester who opened it
	 * @param reason why
	 * @param issuedAt when
	 * @param expiresAt when it ends unless closed before
	 * @param drill whether it is a drill's
	 */
	public record SessionDescriptor(boolean open, @Nullable String requester, @Nullable String reason,
			@Nullable Instant issuedAt, @Nullable Instant expiresAt, boolean drill) {

		static final SessionDescriptor CLOSED = new SessionDescriptor(false, null, null, null, null, false);

		static SessionDescriptor of(BreakGlassSession session) {
			return new SessionDescriptor(true, session.requester(), session.reason(), session.issuedAt(),
					session.expiresAt(), session.drill());
		}

	}

	/**
	 * The pending OTP, never its code.
	 *
	 * @param pending whether an OTP is pending
	 * @param expiresAt until when it can open a session
	 * @param requester who asked for it
	 * @param reason why
	 * @param drill whether it is a drill's
	 */
	public record OtpDescriptor(boolean pending, @Nullable Instant expiresAt, @Nullable String requester,
			@Nullable String reason, boolean drill) {

		static final OtpDescriptor NONE = new OtpDescriptor(false, null, null, null, false);

	}

	/**
	 * A limit that holds for everyone.
	 *
	 * @param limit which limit
	 * @param until when it lets attempts through again
	 */
	public record LockoutDescriptor(BreakGlassLimit limit, Instant until) {

	}

}
