package dev.breakglass.sample;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.breakglass.service.ApprovalRefusedException;
import dev.breakglass.service.BreakGlassApproval;
import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.service.BreakGlassThrottledException;
import dev.breakglass.service.RequesterMismatchException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The break-glass endpoints: a signed-in user asks for an OTP, saying why (it goes out of
 * band, here to the log), and opens a session with it. Who asks is who is signed in: a
 * body naming someone else is refused with 403 and audited, and only the user who asked
 * can spend the OTP.
 */
@RestController
class BreakGlassController {

	private final BreakGlassService breakGlass;

	BreakGlassController(BreakGlassService breakGlass) {
		this.breakGlass = breakGlass;
	}

	@PostMapping("/break-glass/otp")
	ResponseEntity<Map<String, Object>> requestOtp(@RequestBody OtpRequest request) {
		// the requester is the signed-in user; a body that names one must name that user
		boolean drill = Boolean.TRUE.equals(request.drill());
		Instant expiresAt;
		if (request.requester() != null) {
			expiresAt = this.breakGlass.requestOtp(new BreakGlassRequest(request.requester(), request.reason(), drill));
		}
		else {
			expiresAt = drill ? this.breakGlass.requestDrill(request.reason())
					: this.breakGlass.requestOtp(request.reason());
		}
		return ResponseEntity.accepted().body(Map.of("otpExpiresAt", expiresAt));
	}

	@PostMapping("/break-glass/session")
	ResponseEntity<Map<String, Object>> open(@RequestBody OpenRequest request) {
		BreakGlassSession session = this.breakGlass.open((request.otp() != null) ? request.otp() : "");
		// the token is a credential: no cache, shared or private, may keep this response
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(Map.of("token", session.token(), "expiresAt", session.expiresAt(), "requester", session.requester(),
					"reason", session.reason(), "drill", session.drill()));
	}

	/**
	 * A second signed-in user approves a request (profile {@code approval}): the
	 * requester's OTP goes out. Never the requester.
	 */
	@PostMapping("/break-glass/approvals")
	ResponseEntity<Map<String, Object>> approve(@RequestBody ApproveRequest request) {
		BreakGlassApproval approval = this.breakGlass.approve((request.token() != null) ? request.token() : "");
		return ResponseEntity.ok(Map.of("requester", approval.requester(), "reason", approval.reason(), "approver",
				approval.approver(), "otpExpiresAt", approval.otpExpiresAt()));
	}

	@DeleteMapping("/break-glass/session")
	ResponseEntity<Void> close(@RequestHeader(name = "Authorization", required = false) String authorization) {
		boolean closed = this.breakGlass.close(BearerToken.from(authorization));
		return closed ? ResponseEntity.noContent().build() : ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> denied(BreakGlassDeniedException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "denied", "reason", ex.reason()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> mismatch(RequesterMismatchException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(Map.of("error", "forbidden", "message", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> approvalRefused(ApprovalRefusedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "refused", "refusal", ex.refusal()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> throttled(BreakGlassThrottledException ex) {
		if (ex.limit() == BreakGlassLimit.LOCKED) {
			// no Retry-After: only an operator ends it
			return ResponseEntity.status(HttpStatus.LOCKED).body(Map.of("error", "locked", "limit", ex.limit()));
		}
		// Retry-After in whole seconds, rounded up so that a client never retries early
		long seconds = ex.retryAfter().plusMillis(999).toSeconds();
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(Map.of("error", "throttled", "limit", ex.limit()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", "bad request", "message", ex.getMessage()));
	}

	record OtpRequest(@Nullable String requester, String reason, @Nullable Boolean drill) {
	}

	record OpenRequest(String otp) {
	}

	record ApproveRequest(String token) {
	}

}
