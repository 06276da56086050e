package me.klepp.local.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves one page from a test resource on its own origin ({@code http://127.0.0.1:<port>}), so that the page's
 * calls to the API are cross-origin, as the published frontend's are.
 */
final class PageServer implements AutoCloseable {

	private final HttpServer server;

	private final String path;

	private PageServer(HttpServer server, String path) {
		this.server = server;
		this.path = path;
	}

	/** Serves the class-path resource {@code resource} at {@code path}, and 404 for everything else. */
	static PageServer serving(String path, String resource) {
		byte[] page;
		try (InputStream in = PageServer.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + resource);
			}
			page = in.readAllBytes();
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				try (exchange) {
					if (exchange.getRequestURI().getPath().equals(path)) {
						exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
						exchange.getResponseHeaders().set("Cache-Control", "no-store");
						exchange.sendResponseHeaders(200, page.length);
						exchange.getResponseBody().write(page);
					}
					else {
						exchange.sendResponseHeaders(404, -1);
					}
				}
			});
			server.start();
			return new PageServer(server, path);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The origin to allow in the API's CORS settings. */
	String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	String url() {
		return origin() + path;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
