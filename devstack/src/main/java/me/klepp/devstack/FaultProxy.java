package me.klepp.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy in front of one of the stack's servers, for fault tests: {@link #cut()} makes the server
 * unreachable (open connections are dropped, new ones refused), {@link #restore()} brings it back on the same
 * port. The services are pointed at the proxy, the stack's own clients at the server.
 */
public final class FaultProxy implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

	private final String name;

	private final int targetPort;

	private final int port;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	FaultProxy(String name, int targetPort) throws IOException {
		this.name = name;
		this.targetPort = targetPort;
		this.server = bind(0);
		this.port = server.getLocalPort();
		accept(server);
	}

	public int port() {
		return port;
	}

	/** From now on, the server behind the proxy looks down: connections are reset and refused. */
	public synchronized void cut() {
		ServerSocket current = server;
		server = null;
		closeQuietly(current);
		connections.forEach(FaultProxy::closeQuietly);
		connections.clear();
		log.info("{} cut", name);
	}

	public synchronized void restore() {
		if (server != null) {
			return;
		}
		try {
			server = bind(port);
			accept(server);
			log.info("{} restored", name);
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot listen on " + port + " again", e);
		}
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return socket;
	}

	private void accept(ServerSocket listening) {
		Thread acceptor = new Thread(() -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
					connections.add(client);
					connections.add(upstream);
					pump(client, upstream);
					pump(upstream, client);
				}
				catch (IOException closed) {
					// The listening socket was closed by cut(), or one connection failed: nothing to keep.
				}
			}
		}, name + "-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException closed) {
				// Either side went away; the other is closed below.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				connections.remove(from);
				connections.remove(to);
			}
		}, name + "-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ignored) {
			// Already closed.
		}
	}

	@Override
	public void close() {
		cut();
	}

}
