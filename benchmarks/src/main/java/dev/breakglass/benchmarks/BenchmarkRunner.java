package dev.breakglass.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link Benchmarks} at 1, 4 and 16 threads and writes the table of BENCHMARKS.md:
 * each store's cycle beside its raw baseline and beside Spring Security's one-time-token
 * service (in memory for memory, JDBC on PostgreSQL for jpa and redis) from the same run,
 * and the ratios of their throughputs. System properties {@code bench.threads},
 * {@code bench.backends}, {@code bench.include} (a regular expression the benchmark
 * method's name must start with), {@code bench.warmup} and {@code bench.measure} (seconds
 * per iteration) narrow or shorten a run.
 */
public final class BenchmarkRunner {

	// { cycle, its baseline, label }
	private static final String[][] CYCLES = {
			{ "codePutTake", "codePutTakeBaseline", "AuthorizationCodeStore put+take" },
			{ "codePutRedeem", "codePutRedeemBaseline", "AuthorizationCodeStore put+redeem" },
			{ "tokenIssueConsume", "tokenIssueConsumeBaseline", "OneTimeTokenStore issue+consume" },
			{ "otpGenerateVerify", "otpGenerateVerifyBaseline", "OtpStore generate+verify" },
			{ "ottGenerateConsume", "ottGenerateConsumeBaseline",
					"Spring Security OneTimeTokenService generate+consume (baseline: Spring Security's InMemory, or Jdbc on PostgreSQL for jpa and redis)" },
			{ "flowRequestOpenLimited", "flowRequestOpenUnlimited",
					"BreakGlassService requestOtp+open with limits (baseline: without)" },
			{ "sessionUseWithIdleTimeout", "sessionLookup",
					"BreakGlassTokenStore lookup with an idle timeout (baseline: without)" } };

	private static final Log logger = LogFactory.getLog(BenchmarkRunner.class);

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws RunnerException, IOException {
		String[] threadCounts = System.getProperty("bench.threads", "1,4,16").split(",");
		String[] backends = System.getProperty("bench.backends", "memory,jpa,redis").split(",");
		int warmup = Integer.getInteger("bench.warmup", 2);
		int measure = Integer.getInteger("bench.measure", 3);
		Map<String, Measurement> measurements = new LinkedHashMap<>();
		for (String threads : threadCounts) {
			Options options = new OptionsBuilder()
				.include(Benchmarks.class.getName() + "\\." + System.getProperty("bench.include", ""))
				.param("backend", backends)
				.threads(Integer.parseInt(threads))
				.forks(1)
				.warmupIterations(2)
				.warmupTime(TimeValue.seconds(warmup))
				.measurementIterations(3)
				.measurementTime(TimeValue.seconds(measure))
				.build();
			Collection<RunResult> results = new Runner(options).run();
			for (RunResult result : results) {
				String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
				String backend = result.getParams().getParam("backend");
				Statistics statistics = result.getPrimaryResult().getStatistics();
				measurements.put(method + "/" + backend + "/" + threads,
						new Measurement(Integer.parseInt(threads) * 1_000_000 / statistics.getMean(),
								statistics.getPercentile(50), statistics.getPercentile(99)));
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add(
				"| cycle | backend | threads | break-glass ops/s | p50 / p99 µs | baseline ops/s | p50 / p99 µs | ratio "
						+ "| Spring Security ops/s | vs Spring Security |");
		lines.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String[] cycle : CYCLES) {
			for (String backend : backends) {
				for (String threads : threadCounts) {
					Measurement ours = measurements.get(cycle[0] + "/" + backend + "/" + threads);
					Measurement base = measurements.get(cycle[1] + "/" + backend + "/" + threads);
					Measurement springSecurity = measurements
						.get("ottGenerateConsumeBaseline/" + backend + "/" + threads);
					if (ours != null && base != null) {
						lines.add(String.format(Locale.ROOT,
								"| %s | %s | %s | %,.0f | %.1f / %.1f | %,.0f | %.1f / %.1f | %.2f× | %s | %s |",
								cycle[2], backend, threads, ours.throughput, ours.p50, ours.p99, base.throughput,
								base.p50, base.p99, ours.throughput / base.throughput,
								(springSecurity != null)
										? String.format(Locale.ROOT, "%,.0f", springSecurity.throughput) : "–",
								(springSecurity != null) ? String.format(Locale.ROOT, "%.2f×",
										ours.throughput / springSecurity.throughput) : "–"));
					}
				}
			}
		}
		String table = String.join("\n", lines) + "\n";
		Path out = Path.of("benchmarks", "target", "results.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, table);
		logger.info("Benchmark results, written to " + out + ":\n" + table);
	}

	private record Measurement(double throughput, double p50, double p99) {
	}

}
