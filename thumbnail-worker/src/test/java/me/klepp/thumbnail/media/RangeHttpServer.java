package me.klepp.thumbnail.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A tiny static file server for tests that answers HTTP Range requests like S3 does (206 + Content-Range). */
final class RangeHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Path root;
    final List<String> requests = new CopyOnWriteArrayList<>();

    RangeHttpServer(Path root) throws IOException {
        this.root = root;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String fileName) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + fileName + "?X-Amz-Signature=abc&x=1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + range);
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            long length = bytes.length;
            long start = 0;
            long end = length - 1;
            int status = 200;
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
                String[] parts = range.substring("bytes=".length()).trim().split("-", 2);
                if (parts[0].isEmpty()) { // suffix range: the last N bytes
                    start = Math.max(0, length - Long.parseLong(parts[1]));
                } else {
                    start = Long.parseLong(parts[0]);
                    if (parts.length > 1 && !parts[1].isEmpty()) {
                        end = Math.min(end, Long.parseLong(parts[1]));
                    }
                }
                if (start >= length || start > end) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + length);
            }
            long count = end - start + 1;
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(count));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, count);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes, (int) start, (int) count);
            } catch (IOException clientStoppedReading) {
                // FFmpeg drops the connection when it seeks elsewhere
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
