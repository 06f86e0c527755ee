package dev.breakglass.store.jpa;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.service.AbstractAttackerTests;
import org.springframework.context.ApplicationContext;

/**
 * The attacker with one login on one node, the victim on another, both on one database.
 */
class JpaAttackerTests extends AbstractAttackerTests {

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
	protected void onTwoNodes(TwoNodesTest test) throws Exception {
		test.run(nodeA, nodeB);
	}

}
