package dev.breakglass.sample;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;
import org.springframework.security.web.authentication.ott.RedirectOneTimeTokenGenerationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Delivers a magic link by writing it to the log, DEVELOPMENT ONLY: a real application
 * e-mails it to the user. Spring Security calls this handler after the starter's
 * {@code OneTimeTokenService} has stored the token (hashed, on the jpa and redis
 * backends); the link is the only place the token appears.
 */
@Component
class LoggedMagicLinkHandler implements OneTimeTokenGenerationSuccessHandler {

	private static final Log logger = LogFactory.getLog(LoggedMagicLinkHandler.class);

	private final OneTimeTokenGenerationSuccessHandler sent = new RedirectOneTimeTokenGenerationSuccessHandler(
			MagicLinkPages.SENT);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, OneTimeToken oneTimeToken)
			throws IOException, ServletException {
		String link = UriComponentsBuilder.newInstance()
			.scheme(request.getScheme())
			.host(request.getServerName())
			.port(request.getServerPort())
			.path(request.getContextPath())
			.path(MagicLinkPages.MAGIC_LINK)
			.queryParam("token", oneTimeToken.getTokenValue())
			.toUriString();
		logger.warn("Magic link for " + oneTimeToken.getUsername() + " (valid until " + oneTimeToken.getExpiresAt()
				+ "): " + link + " . Sample only: e-mail it in a real application instead of logging it.");
		this.sent.handle(request, response, oneTimeToken);
	}

}
