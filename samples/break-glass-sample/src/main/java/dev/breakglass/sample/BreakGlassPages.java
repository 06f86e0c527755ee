package dev.breakglass.sample;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.service.BreakGlassThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The break-glass flow as pages for a signed-in user: {@code /admin} needs an open
 * session; the user gives a reason and asks for an OTP (as the requester), enters it, and
 * gets the admin page until the session expires or is closed. The session token stays in
 * the HTTP session, on the server: no page ever shows it.
 */
@Controller
class BreakGlassPages {

	static final String ADMIN = "/admin";

	static final String OTP = "/access/otp";

	static final String OPEN = "/access/open";

	static final String CLOSE = "/access/close";

	/**
	 * Where the HTTP session keeps the break-glass session token.
	 */
	static final String TOKEN = BreakGlassPages.class.getName() + ".TOKEN";

	private static final String OTP_EXPIRES_AT = BreakGlassPages.class.getName() + ".OTP_EXPIRES_AT";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final BreakGlassService breakGlass;

	BreakGlassPages(BreakGlassService breakGlass) {
		this.breakGlass = breakGlass;
	}

	@GetMapping(ADMIN)
	String admin(HttpSession httpSession, Principal principal, Model model,
			@RequestParam(required = false) @Nullable String closed) {
		model.addAttribute("user", principal.getName());
		Optional<BreakGlassSession> open = this.breakGlass.authenticate((String) httpSession.getAttribute(TOKEN));
		if (open.isPresent()) {
			BreakGlassSession session = open.get();
			model.addAttribute("requester", session.requester());
			model.addAttribute("reason", session.reason());
			model.addAttribute("openedAt", time(session.issuedAt()));
			model.addAttribute("expiresAt", time(session.expiresAt()));
			return "admin";
		}
		// expired, closed, or replaced by a session someone else opened
		httpSession.removeAttribute(TOKEN);
		if (closed != null) {
			model.addAttribute("notice", "The break-glass session is closed.");
		}
		return "needs-break-glass";
	}

	@PostMapping(OTP)
	String requestOtp(@RequestParam(defaultValue = "") String reason, HttpSession httpSession, Principal principal,
			Model model, HttpServletResponse response) {
		model.addAttribute("user", principal.getName());
		model.addAttribute("reason", reason);
		try {
			Instant expiresAt = this.breakGlass.requestOtp(reason);
			httpSession.setAttribute(OTP_EXPIRES_AT, expiresAt);
			return "redirect:" + OTP;
		}
		catch (IllegalArgumentException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", "Say why you need access: " + ex.getMessage() + ".");
			return "needs-break-glass";
		}
		catch (BreakGlassThrottledException ex) {
			return throttled(ex, model, response);
		}
	}

	@GetMapping(OTP)
	String enterOtp(HttpSession httpSession, Principal principal, Model model) {
		Instant expiresAt = (Instant) httpSession.getAttribute(OTP_EXPIRES_AT);
		if (expiresAt == null) {
			return "redirect:" + ADMIN;
		}
		model.addAttribute("user", principal.getName());
		model.addAttribute("otpExpiresAt", time(expiresAt));
		return "enter-otp";
	}

	@PostMapping(OPEN)
	String open(@RequestParam(defaultValue = "") String otp, HttpServletRequest request, Principal principal,
			Model model, HttpServletResponse response) {
		model.addAttribute("user", principal.getName());
		HttpSession httpSession = request.getSession();
		try {
			BreakGlassSession session = this.breakGlass.open(otp.strip());
			httpSession.removeAttribute(OTP_EXPIRES_AT);
			httpSession.setAttribute(TOKEN, session.token());
			// the HTTP session just gained a privilege: give it a new id
			request.changeSessionId();
			return "redirect:" + ADMIN;
		}
		catch (BreakGlassDeniedException ex) {
			// right or wrong, an OTP is spent once presented
			httpSession.removeAttribute(OTP_EXPIRES_AT);
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			model.addAttribute("error", "That OTP did not open a session (" + ex.reason()
					+ "). An OTP works once, right or wrong: ask for a new one.");
			return "needs-break-glass";
		}
		catch (BreakGlassThrottledException ex) {
			return throttled(ex, model, response);
		}
	}

	@PostMapping(CLOSE)
	String close(HttpServletRequest request) {
		close(request, this.breakGlass);
		return "redirect:" + ADMIN + "?closed";
	}

	/**
	 * Close the break-glass session the HTTP session of a request holds, if any.
	 * @param request the request
	 * @param breakGlass the service
	 */
	static void close(HttpServletRequest request, BreakGlassService breakGlass) {
		HttpSession httpSession = request.getSession(false);
		if (httpSession != null && httpSession.getAttribute(TOKEN) instanceof String token) {
			httpSession.removeAttribute(TOKEN);
			breakGlass.close(token);
		}
	}

	private static String throttled(BreakGlassThrottledException ex, Model model, HttpServletResponse response) {
		if (ex.limit() == BreakGlassLimit.LOCKED) {
			response.setStatus(HttpStatus.LOCKED.value());
			model.addAttribute("error",
					"Too many failed attempts: your break-glass access is locked until an " + "operator unlocks it.");
			return "needs-break-glass";
		}
		long seconds = ex.retryAfter().plusMillis(999).toSeconds();
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(seconds));
		model.addAttribute("error", "Too many attempts: try again in " + seconds + " seconds.");
		return "needs-break-glass";
	}

	private static String time(Instant instant) {
		return TIME.format(instant);
	}

}
