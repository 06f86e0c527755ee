package dev.breakglass.store.jpa;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.service.AbstractApprovalAndDrillTests;
import org.springframework.context.ApplicationContext;

/**
 * Two-person approval on two nodes of one database.
 */
class JpaApprovalAndDrillTests extends AbstractApprovalAndDrillTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	private static ApplicationContext nodeA;

	private static ApplicationContext nodeB;

	@BeforeAll
	static void startSecondNode() {
		nodeA = database.node();
		nodeB = database.startNode();
	}

	@Override
	protected void onTwoNodes(TwoNodes test) throws Exception {
		test.run(nodeA, nodeB);
	}

}
