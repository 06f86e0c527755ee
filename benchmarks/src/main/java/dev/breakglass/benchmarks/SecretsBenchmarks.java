package dev.breakglass.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import dev.breakglass.store.Secrets;

/**
 * What the memory backend does beside a bare map: the price of each secret primitive, to
 * tell by elimination where its time goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SecretsBenchmarks {

	private static final String TOKEN = Secrets.newOneTimeToken();

	private final Map<String, Object> map = new ConcurrentHashMap<>();

	@Benchmark
	public Object mapPutRemove() {
		this.map.put(TOKEN, TOKEN);
		return this.map.remove(TOKEN);
	}

	@Benchmark
	public String newOneTimeToken() {
		return Secrets.newOneTimeToken();
	}

	@Benchmark
	public String newSessionToken() {
		return Secrets.newSessionToken();
	}

	@Benchmark
	public String newOtp() {
		return Secrets.newOtp(6);
	}

	@Benchmark
	public String sha256() {
		return Secrets.sha256(TOKEN);
	}

	@Benchmark
	public boolean isOneTimeToken() {
		return Secrets.isOneTimeToken(TOKEN);
	}

}
