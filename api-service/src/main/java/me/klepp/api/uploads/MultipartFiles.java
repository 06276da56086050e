package me.klepp.api.uploads;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import me.klepp.api.problems.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One file out of a {@code multipart/form-data} request, read with klepp's own parser ({@link MultipartStream},
 * ADR 0011), so every multipart route refuses the same bad bodies with the same 400s: a missing or overlong
 * boundary, a truncated body, malformed part headers, and the file sent twice.
 */
public final class MultipartFiles {

	private MultipartFiles() {
	}

	/**
	 * The bytes of the one part named {@code field}, as they arrive; other parts are skipped. The flux completes
	 * only once the whole body has been read and found well-formed, and fails with a 400 problem otherwise.
	 */
	public static Flux<DataBuffer> onlyPart(ServerHttpRequest request, String field) {
		return Flux.defer(() -> {
			var multipart = new MultipartStream(MultipartStream.boundary(request));
			var seen = new AtomicBoolean();
			var inField = new AtomicBoolean();
			return request.getBody()
				.concatMap(multipart::events)
				.<DataBuffer>handle((event, sink) -> {
					if (event instanceof MultipartStream.PartStart start) {
						inField.set(field.equals(start.name()));
						if (inField.get() && seen.getAndSet(true)) {
							sink.error(Problems.badRequest("send exactly one multipart part named '" + field + "'"));
						}
					}
					else if (event instanceof MultipartStream.Data data && inField.get()) {
						sink.next(DefaultDataBufferFactory.sharedInstance
							.wrap(ByteBuffer.wrap(data.bytes(), data.offset(), data.length())));
					}
					else if (event instanceof MultipartStream.PartEnd) {
						inField.set(false);
					}
				})
				.concatWith(Mono.fromRunnable(() -> {
					multipart.finish();
					if (!seen.get()) {
						throw Problems.badRequest("send the file in the multipart part named '" + field + "'");
					}
				}));
		});
	}

}
