package dev.breakglass.sample;

import java.util.Map;

import dev.breakglass.service.BreakGlassService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint only an open break-glass session may call.
 */
@RestController
class AdminController {

	private final BreakGlassService breakGlass;

	AdminController(BreakGlassService breakGlass) {
		this.breakGlass = breakGlass;
	}

	@GetMapping("/admin/status")
	ResponseEntity<Map<String, Object>> status(
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		return this.breakGlass.authenticate(BearerToken.from(authorization))
			.map((session) -> ResponseEntity
				.ok(Map.<String, Object>of("status", "emergency access granted", "sessionExpiresAt",
						session.expiresAt(), "openedBy", session.requester(), "reason", session.reason())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(Map.of("error", "no open break-glass session")));
	}

}
