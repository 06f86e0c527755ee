package dev.breakglass.sample;

class MemoryWalkthroughTests extends AbstractWalkthroughTests {

	@Override
	protected String backend() {
		return "memory";
	}

}
