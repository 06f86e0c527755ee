package dev.breakglass.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.jpa.JpaAuthorizationCodeStore;
import dev.breakglass.store.jpa.JpaExpiredRowSweeper;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the consuming read scales with what else is stored: the latency of
 * {@link AuthorizationCodeStore#take} among 0, 100,000 and 1,000,000 live codes or keys,
 * and the takes' latency while the jpa sweeper reclaims 1,000,000 expired rows. System
 * property {@code scale.sweep-only} runs the last part alone.
 */
public final class ScaleRun {

	private static final int[] SIZES = { 0, 100_000, 1_000_000 };

	private static final int WARMUP = 5_000;

	private static final int SAMPLES = 20_000;

	private static final Log logger = LogFactory.getLog(ScaleRun.class);

	private ScaleRun() {
	}

	public static void main(String[] args) throws Exception {
		List<String> lines = new ArrayList<>();
		lines.add("| backend | live entries | take p50 µs | take p99 µs |");
		lines.add("|---|---:|---:|---:|");
		try (Servers servers = Servers.start()) {
			// -Dscale.sweep-only=true measures the sweep alone
			String[] backends = Boolean.getBoolean("scale.sweep-only") ? new String[0]
					: new String[] { "memory", "jpa", "redis" };
			for (String backend : backends) {
				servers.clear();
				AuthorizationCodeStore codes = servers.codes(backend);
				int filled = 0;
				for (int size : SIZES) {
					fill(servers, backend, codes, filled, size);
					filled = size;
					long[] takes = takeLatencies(codes, WARMUP, SAMPLES);
					lines.add(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f |", backend, size, micros(takes, 50),
							micros(takes, 99)));
					logger.info(lines.get(lines.size() - 1));
				}
			}
			servers.clear();
			lines.add("");
			lines.add(sweepUnderLoad(servers));
			servers.clear();
		}
		String table = String.join("\n", lines) + "\n";
		Path out = Path.of("benchmarks", "target", "scale.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, table);
		logger.info("Scale results, written to " + out + ":\n" + table);
	}

	private static void fill(Servers servers, String backend, AuthorizationCodeStore codes, int from, int to) {
		Instant expiresAt = Instant.now().plus(Duration.ofHours(2));
		switch (backend) {
			case "memory" -> {
				for (int i = from; i < to; i++) {
					codes.put(new AuthorizationCode("fill-" + i, Benchmarks.CODE_DATA, expiresAt));
				}
			}
			case "jpa" -> {
				JdbcTemplate jdbc = new JdbcTemplate(servers.dataSource());
				jdbc.update(
						"INSERT INTO break_glass_authorization_code SELECT 'fill-' || i, ?, now() + INTERVAL '2 hours' "
								+ "FROM generate_series(?, ?) i",
						Benchmarks.CODE_DATA, from, to - 1);
				jdbc.execute("VACUUM ANALYZE break_glass_authorization_code");
			}
			case "redis" -> {
				StringRedisTemplate redis = servers.redis();
				for (int start = from; start < to; start += 10_000) {
					int end = Math.min(to, start + 10_000);
					int first = start;
					redis.executePipelined((RedisCallback<Object>) (connection) -> {
						for (int i = first; i < end; i++) {
							connection.stringCommands()
								.set((Servers.KEY_PREFIX + "fill:" + i).getBytes(), Benchmarks.CODE_DATA.getBytes(),
										Expiration.milliseconds(7_200_000), SetOption.upsert());
						}
						return null;
					});
				}
			}
			default -> throw new IllegalArgumentException(backend);
		}
	}

	private static long[] takeLatencies(AuthorizationCodeStore codes, int warmup, int samples) {
		long[] latencies = new long[samples];
		String prefix = "take-" + ThreadLocalRandom.current().nextLong() + "-";
		Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
		for (int i = 0; i < warmup + samples; i++) {
			String hash = prefix + i;
			codes.put(new AuthorizationCode(hash, Benchmarks.CODE_DATA, expiresAt));
			long start = System.nanoTime();
			codes.take(hash).orElseThrow();
			if (i >= warmup) {
				latencies[i - warmup] = System.nanoTime() - start;
			}
		}
		return latencies;
	}

	private static String sweepUnderLoad(Servers servers) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(servers.dataSource());
		jdbc.update("INSERT INTO break_glass_authorization_code SELECT 'expired-' || i, ?, now() - INTERVAL '1 minute' "
				+ "FROM generate_series(1, 1000000) i", Benchmarks.CODE_DATA);
		jdbc.execute("VACUUM ANALYZE break_glass_authorization_code");
		// write the insert's pages out now, so that no take, before the sweep or during
		// it, waits behind the checkpoint that the insert would bring on
		jdbc.execute("CHECKPOINT");
		AuthorizationCodeStore codes = servers.codes("jpa");
		long[] before = takeLatencies(codes, WARMUP, SAMPLES);
		AtomicBoolean sweeping = new AtomicBoolean(true);
		List<Long> during = new ArrayList<>();
		Thread taker = new Thread(() -> {
			Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
			for (int i = 0; sweeping.get(); i++) {
				String hash = "during-" + i;
				codes.put(new AuthorizationCode(hash, Benchmarks.CODE_DATA, expiresAt));
				long start = System.nanoTime();
				codes.take(hash).orElseThrow();
				during.add(System.nanoTime() - start);
			}
		});
		taker.start();
		long start = System.nanoTime();
		int deleted = new JpaExpiredRowSweeper(List.of(new JpaAuthorizationCodeStore(servers.statements())),
				servers.statements(), JpaExpiredRowSweeper.DISABLED)
			.sweep()
			.orElseThrow();
		double seconds = (System.nanoTime() - start) / 1e9;
		sweeping.set(false);
		taker.join();
		long[] duringTakes = during.stream().mapToLong(Long::longValue).toArray();
		return String.format(Locale.ROOT,
				"jpa sweeper (JpaExpiredRowSweeper.sweep): deleted %,d expired rows in %.1f s; a concurrent taker's take p50/p99: "
						+ "%.1f / %.1f µs during the sweep (%,d takes), %.1f / %.1f µs before it",
				deleted, seconds, micros(duringTakes, 50), micros(duringTakes, 99), duringTakes.length,
				micros(before, 50), micros(before, 99));
	}

	private static double micros(long[] nanos, int percentile) {
		if (nanos.length == 0) {
			return Double.NaN;
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1000.0;
	}

}
