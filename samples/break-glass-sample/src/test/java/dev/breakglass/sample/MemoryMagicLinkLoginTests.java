package dev.breakglass.sample;

import java.util.List;

class MemoryMagicLinkLoginTests extends AbstractMagicLinkLoginTests {

	@Override
	protected List<String> atRest() {
		return List.of();
	}

}
