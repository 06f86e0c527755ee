package dev.breakglass.benchmarks;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

	private final String[] tokens = Stream.generate(Secrets::newOneTimeToken).limit(1024).toArray(String[]::new);

	private int next;

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

	/**
	 * What Spring Security's in-memory one-time-token service pays for a token.
	 * @return a random UUID
	 */
	@Benchmark
	public UUID randomUuid() {
		return UUID.randomUUID();
	}

	@Benchmark
	public Secrets.KeyedToken newKeyedOneTimeToken() {
		return Secrets.newKeyedOneTimeToken();
	}

	/**
	 * The key of a token presented, over many distinct tokens: one constant token would
	 * let the JIT and the branch predictor learn it.
	 * @return the key
	 */
	@Benchmark
	public Object oneTimeTokenKey() {
		return Secrets.oneTimeTokenKey(this.tokens[this.next++ & (this.tokens.length - 1)]);
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
