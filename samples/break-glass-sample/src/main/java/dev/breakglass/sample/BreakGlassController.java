package dev.breakglass.sample;

import java.time.Instant;
import java.util.Map;

import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The break-glass endpoints: anyone may ask for an OTP (it goes out of band, here to the
 * log); whoever holds the OTP may open a session.
 */
@RestController
class BreakGlassController {

	private final BreakGlassService breakGlass;

	BreakGlassController(BreakGlassService breakGlass) {
		this.breakGlass = breakGlass;
	}

	@PostMapping("/break-glass/otp")
	ResponseEntity<Map<String, Object>> requestOtp() {
		Instant expiresAt = this.breakGlass.requestOtp();
		return ResponseEntity.accepted().body(Map.of("otpExpiresAt", expiresAt));
	}

	@PostMapping("/break-glass/session")
	ResponseEntity<Map<String, Object>> open(@RequestBody OpenRequest request) {
		BreakGlassSession session = this.breakGlass.open((request.otp() != null) ? request.otp() : "");
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("token", session.token(), "expiresAt", session.expiresAt()));
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

	record OpenRequest(String otp) {
	}

}
