package dev.breakglass.service;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-person approval on the memory stores of one application.
 */
class InMemoryApprovalAndDrillTests extends AbstractApprovalAndDrillTests {

	private final ApplicationContextRunner node = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class, BreakGlassAutoConfiguration.class));

	@Override
	protected void onTwoNodes(TwoNodes test) {
		this.node.run((context) -> {
			assertThat(context).hasNotFailed();
			test.run(context, context);
		});
	}

}
