package dev.breakglass.store.jpa;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractFaultsMidCallTests;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.test.FaultProxy;
import dev.breakglass.test.TestSecrets;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jpa backend under faults mid-call, through a proxy to PostgreSQL, with a pool of
 * one connection (a second one, refilled in the background, would take the cut meant for
 * the call) that waits 250 ms for a connection and a driver that gives up on a silent
 * socket after 1 s (pgjdbc counts its timeouts in whole seconds).
 */
class JpaFaultsMidCallTests extends AbstractFaultsMidCallTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	private FaultProxy proxy;

	private ConfigurableApplicationContext throughProxy;

	@BeforeAll
	void startANodeThroughTheProxy() {
		PostgresTestServer.Server server = PostgresTestServer.get();
		URI url = URI.create(server.url().substring("jdbc:".length()));
		this.proxy = FaultProxy.to(url.getHost(), url.getPort());
		String proxied = "jdbc:postgresql://127.0.0.1:" + this.proxy.port() + url.getPath() + "?currentSchema="
				+ database.schema() + "&connectTimeout=1&socketTimeout=1";
		this.throughProxy = database.startNode("spring.datasource.url=" + proxied,
				"spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.connection-timeout=250",
				"spring.datasource.hikari.validation-timeout=250", "break-glass.jpa.migrate=false");
	}

	@AfterAll
	void stopTheProxy() {
		this.throughProxy.close();
		this.proxy.close();
	}

	@Override
	protected boolean sweepsOnTheServer() {
		return true;
	}

	@Override
	protected String lostReplyMessage() {
		return "the connection broke before the reply came, so whether PostgreSQL ran the call is unknown";
	}

	@Override
	protected BreakGlassTokenStore withIdleTimeout(ApplicationContext node, SessionLifetime lifetime) {
		return new JpaBreakGlassTokenStore(node.getBean(JpaStatements.class), TestSecrets.HASHER, lifetime);
	}

	@Override
	protected FaultProxy proxy() {
		return this.proxy;
	}

	@Override
	protected ApplicationContext throughProxy() {
		return this.throughProxy;
	}

	@Override
	protected ApplicationContext direct() {
		return database.node();
	}

}
