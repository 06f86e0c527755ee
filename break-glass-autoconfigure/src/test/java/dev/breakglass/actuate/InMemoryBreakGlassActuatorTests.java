package dev.breakglass.actuate;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassEndpointAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditRecord;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.memory.InMemoryAuditTrailStore;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class InMemoryBreakGlassActuatorTests extends AbstractBreakGlassActuatorTests {

	private static ConfigurableApplicationContext context;

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(MemoryNode.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Override
	protected ApplicationContext context() {
		return context;
	}

	@Override
	protected String backend() {
		return "memory";
	}

	@Override
	protected ConfigurableApplicationContext startNode(String... properties) {
		ConfigurableApplicationContext node = new SpringApplicationBuilder(MemoryNode.class, FailingTrail.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.nodes.add(node);
		return node;
	}

	@Override
	protected void breakTheAuditTrail(ConfigurableApplicationContext node) {
		node.getBean(FailingTrail.class).failing = true;
	}

	@Override
	protected void repairTheAuditTrail(ConfigurableApplicationContext node) {
		node.getBean(FailingTrail.class).failing = false;
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	/**
	 * The memory backend's trail, failing on demand as a server that is down would:
	 * memory itself never fails.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FailingTrail {

		volatile boolean failing;

		@Bean
		AuditTrailStore breakGlassAuditTrailStore() {
			AuditTrailStore trail = new InMemoryAuditTrailStore(new AuditChain(TestSecrets.HASHER));
			return new AuditTrailStore() {

				@Override
				public AuditRecord append(AuditEntry entry) {
					if (FailingTrail.this.failing) {
						throw new StoreUnavailableException("In-memory audit trail store cannot append a record",
								new IllegalStateException("switched off by the test"));
					}
					return trail.append(entry);
				}

				@Override
				public List<AuditRecord> latest(int limit) {
					return trail.latest(limit);
				}

				@Override
				public AuditChainVerification verify() {
					return trail.verify();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class,
			BreakGlassEndpointAutoConfiguration.class })
	static class MemoryNode {

	}

}
