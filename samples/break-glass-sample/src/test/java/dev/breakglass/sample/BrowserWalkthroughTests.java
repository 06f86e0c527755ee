package dev.breakglass.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's "Try the sample in a browser", clicked through in headless Chromium
 * (Debian's {@code chromium} and {@code chromium-driver}, no Selenium Manager download)
 * on the memory profile: sign in as {@code operator}, find the admin page locked, give a
 * reason, read the OTP from the log, enter it, see who opened the session, why and until
 * when, close it. Each step leaves a screenshot in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BrowserWalkthroughTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Pattern LOGGED_OTP = Pattern.compile("Break-glass OTP ([0-9]{6}) ");

	private static final String REASON = "INC-4711: orders database down";

	@LocalServerPort
	private int port;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startChromium(@TempDir Path userDataDir) throws IOException {
		for (Path executable : new Path[] { CHROMIUM, CHROMEDRIVER }) {
			if (!Files.isExecutable(executable)) {
				fail(executable + " is missing: the browser test needs Debian's Chromium and its driver. "
						+ "Install them with: apt-get update && apt-get install -y chromium chromium-driver");
			}
		}
		// Selenium Manager looks for a driver (and may download one) unless both are
		// given.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + userDataDir, "--window-size=900,720");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterEach
	void stopChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void operatorBreaksTheGlassAndClosesIt(CapturedOutput output) throws IOException {
		// 1. The admin page asks for a sign-in first.
		this.browser.get(url("/admin"));
		this.wait.until(ExpectedConditions.urlToBe(url("/login")));
		assertThat(text()).contains("Sign in with a password", "Sign in with a magic link");
		screenshot("1-login");

		// 2. Signed in, the operator lands on the admin page: locked behind break-glass.
		this.browser.findElement(By.id("username")).sendKeys("operator");
		this.browser.findElement(By.id("password")).sendKeys("operator-dev-only");
		this.browser.findElement(By.id("sign-in")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
		assertThat(this.browser.getCurrentUrl()).startsWith(url("/admin"));
		assertThat(text()).contains("The admin page needs break-glass", "Signed in as operator");
		this.browser.findElement(By.id("reason")).sendKeys(REASON);
		screenshot("2-needs-break-glass");

		// 3. Asking for an OTP: it goes to the log, as the operator's request.
		this.browser.findElement(By.id("request")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/access/otp")));
		assertThat(text()).contains("Enter your one-time password");
		String otp = lastLoggedOtp(output);
		assertThat(output).contains("requested by 'operator'");
		this.browser.findElement(By.id("otp")).sendKeys(otp);
		screenshot("3-enter-otp");

		// 4. The OTP opens the session: the admin page says who, why and until when.
		this.browser.findElement(By.id("open")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requester")));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(url("/admin"));
		assertThat(this.browser.findElement(By.id("requester")).getText()).isEqualTo("operator");
		assertThat(this.browser.findElement(By.id("reason")).getText()).isEqualTo(REASON);
		assertThat(this.browser.findElement(By.id("expires-at")).getText()).endsWith("UTC");
		screenshot("4-admin");

		// 5. Closing it locks the admin page again.
		this.browser.findElement(By.id("close")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/admin?closed")));
		assertThat(text()).contains("The break-glass session is closed.", "The admin page needs break-glass");
		screenshot("5-closed");

		// 6. Signing out.
		this.browser.findElement(By.cssSelector("header button")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/login?logout")));
		assertThat(text()).contains("You have signed out.");
		screenshot("6-signed-out");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private String text() {
		WebElement body = this.browser.findElement(By.tagName("body"));
		return body.getText();
	}

	private void screenshot(String name) throws IOException {
		Path png = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	private static String lastLoggedOtp(CapturedOutput output) {
		Matcher matcher = LOGGED_OTP.matcher(output.getOut());
		String otp = null;
		while (matcher.find()) {
			otp = matcher.group(1);
		}
		assertThat(otp).as("OTP in the log").isNotNull();
		return otp;
	}

}
