package dev.breakglass.actuate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassEndpointAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class InMemoryBreakGlassActuatorTests extends AbstractBreakGlassActuatorTests {

	private static ConfigurableApplicationContext context;

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

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class,
			BreakGlassEndpointAutoConfiguration.class })
	static class MemoryNode {

	}

}
