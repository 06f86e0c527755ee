package dev.breakglass.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.netcrusher.core.filter.TransformFilter;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A TCP proxy (NetCrusher) between the application and a server, which injects one
 * {@link Fault} at a time and heals. A fault lasts until {@link #heal()}: a client that
 * reconnects and resends meets it again, so a call made while it lasts cannot succeed.
 */
public final class FaultProxy implements AutoCloseable {

	/**
	 * What goes wrong with the connection.
	 */
	public enum Fault {

		/**
		 * The server cannot be reached: open connections are cut, new ones refused.
		 */
		CUT_BEFORE_REQUEST,

		/**
		 * The connection is cut while the request is on its way: part of it reaches the
		 * server, which never runs it.
		 */
		CUT_DURING_REQUEST,

		/**
		 * The request reaches the server, which runs it; the reply is lost and the
		 * connection cut.
		 */
		CUT_BEFORE_REPLY,

		/**
		 * Nothing moves in either direction, and no connection is cut: only a timeout
		 * ends the call.
		 */
		STALL

	}

	private final NioReactor reactor;

	private final TcpCrusher crusher;

	// Cutting from inside a filter would close the pair under the reactor thread that
	// runs the filter.
	private final ExecutorService cutter = Executors.newSingleThreadExecutor();

	private volatile Fault fault;

	private volatile boolean once;

	private FaultProxy(String host, int port) {
		try {
			this.reactor = new NioReactor();
			this.crusher = TcpCrusherBuilder.builder()
				.withReactor(this.reactor)
				.withBindAddress("127.0.0.1", freePort())
				.withConnectAddress(host, port)
				.withOutgoingTransformFilterFactory((client) -> this::towardsServer)
				.withIncomingTransformFilterFactory((client) -> this::towardsClient)
				.buildAndOpen();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start a proxy on a free loopback port.
	 * @param host the server's host
	 * @param port the server's port
	 * @return the proxy, healthy
	 */
	public static FaultProxy to(String host, int port) {
		return new FaultProxy(host, port);
	}

	/**
	 * The port the application connects to instead of the server's.
	 * @return the port on 127.0.0.1
	 */
	public int port() {
		return this.crusher.getBindAddress().getPort();
	}

	/**
	 * Inject a fault; it lasts until {@link #heal()}.
	 * @param fault the fault
	 */
	public void inject(Fault fault) {
		heal();
		this.fault = fault;
		switch (fault) {
			case CUT_BEFORE_REQUEST -> this.crusher.close();
			case STALL -> this.crusher.freeze();
			default -> {
			}
		}
	}

	/**
	 * Inject a fault that ends by itself after its first cut: a connection reset, after
	 * which a client that reconnects and resends gets through.
	 * @param fault {@link Fault#CUT_DURING_REQUEST} or {@link Fault#CUT_BEFORE_REPLY}
	 */
	public void injectOnce(Fault fault) {
		if (fault != Fault.CUT_DURING_REQUEST && fault != Fault.CUT_BEFORE_REPLY) {
			throw new IllegalArgumentException("only a cut can happen once: " + fault);
		}
		heal();
		this.once = true;
		this.fault = fault;
	}

	/**
	 * End the fault: connections are accepted and carried again.
	 */
	public void heal() {
		this.fault = null;
		this.once = false;
		if (!this.crusher.isOpen()) {
			this.crusher.open();
		}
		if (this.crusher.isFrozen()) {
			this.crusher.unfreeze();
		}
	}

	private void towardsServer(ByteBuffer bytes) {
		if (this.fault == Fault.CUT_DURING_REQUEST) {
			// Let the first half through, so the server has started to read a request it
			// will never have whole.
			bytes.limit(bytes.position() + bytes.remaining() / 2);
			cut();
		}
	}

	private void towardsClient(ByteBuffer bytes) {
		if (this.fault == Fault.CUT_BEFORE_REPLY) {
			bytes.position(bytes.limit());
			cut();
		}
	}

	private void cut() {
		if (this.once) {
			this.fault = null;
			this.once = false;
		}
		this.cutter.execute(this.crusher::closeAllPairs);
	}

	@Override
	public void close() {
		this.cutter.shutdownNow();
		this.crusher.close();
		this.reactor.close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

}
