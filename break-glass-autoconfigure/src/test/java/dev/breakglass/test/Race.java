package dev.breakglass.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs the same number of tasks on as many threads, released together by a barrier, and
 * collects what each returned. Reuse one race for many rounds.
 */
public final class Race implements AutoCloseable {

	/**
	 * Threads of every race test.
	 */
	public static final int THREADS = 32;

	private final int threads;

	private final ExecutorService executor;

	public Race() {
		this(THREADS);
	}

	public Race(int threads) {
		this.threads = threads;
		this.executor = Executors.newFixedThreadPool(threads);
	}

	/**
	 * Run one round of the same task on every thread.
	 * @param task the task
	 * @param <T> what it returns
	 * @return what each thread returned
	 * @throws Exception if a task failed
	 */
	public <T> List<T> run(Callable<T> task) throws Exception {
		return run((index) -> task);
	}

	/**
	 * Run one round, thread {@code i} running {@code tasks.apply(i)}.
	 * @param tasks the task of each thread
	 * @param <T> what they return
	 * @return what each thread returned, in thread order
	 * @throws Exception if a task failed
	 */
	public <T> List<T> run(IntFunction<Callable<T>> tasks) throws Exception {
		CyclicBarrier start = new CyclicBarrier(this.threads);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < this.threads; i++) {
			Callable<T> task = tasks.apply(i);
			futures.add(this.executor.submit(() -> {
				start.await(30, TimeUnit.SECONDS);
				return task.call();
			}));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(60, TimeUnit.SECONDS));
		}
		return results;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
