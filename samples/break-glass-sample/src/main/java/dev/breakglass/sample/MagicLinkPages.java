package dev.breakglass.sample;

import java.security.Principal;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in pages: the login screen offers a password form (Spring Security's form
 * login) and "sign in with a magic link", which posts a username to Spring Security's
 * {@code /ott/generate}; the link opens a page whose button posts the token to
 * {@code /login/ott}, so that merely opening a link (as mail scanners do) never spends
 * it.
 */
@Controller
class MagicLinkPages {

	static final String LOGIN = "/login";

	static final String SENT = "/login/magic-link-sent";

	static final String MAGIC_LINK = "/login/magic-link";

	/**
	 * The login screen: a password form (posted to Spring Security's {@code /login}) and
	 * the magic-link form.
	 * @return the view
	 */
	@GetMapping(path = LOGIN, produces = MediaType.TEXT_HTML_VALUE)
	String login() {
		return "login";
	}

	@GetMapping(path = SENT, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String sent() {
		return page("Check your link", """
				<h2>Check your link</h2>
				<p>If the user exists, a magic link is on its way. In this sample it is in the application's log
				(<code>Magic link for ...</code>): open it in this browser. It works once.</p>
				""");
	}

	@GetMapping(path = MAGIC_LINK, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String magicLink(CsrfToken csrf, @RequestParam(required = false, defaultValue = "") String token) {
		return page("Sign in", """
				<h2>Sign in with your magic link</h2>
				<form method="post" action="/login/ott">
				  <input type="hidden" name="token" value="%s">
				  %s
				  <button type="submit">Sign in</button>
				</form>
				""".formatted(HtmlUtils.htmlEscape(token), hidden(csrf)));
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home(Principal principal, Model model) {
		model.addAttribute("user", principal.getName());
		return "home";
	}

	private static String hidden(CsrfToken csrf) {
		return "<input type=\"hidden\" name=\"%s\" value=\"%s\">"
			.formatted(HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
	}

	private static String page(String title, String body) {
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>%s · break-glass sample</title></head>
				<body>
				%s
				</body>
				</html>
				""".formatted(title, body);
	}

}
