package me.klepp.api.uploads;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import me.klepp.api.problems.Problems;
import me.klepp.api.web.ClientText;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;

/**
 * A streaming {@code multipart/form-data} parser (RFC 7578) for uploads through the API: fed the request body
 * buffer by buffer, it tells where parts start and hands on their bytes, holding back at most a delimiter's length.
 *
 * <p>
 * Spring's own parser compares every byte of the body against the boundary through a nested matcher over pooled
 * buffers; on a 2 GiB upload that was half of the API's CPU time (docs/benchmarks.md). This one works on a copy
 * of each buffer, which the part buffer needs anyway, and skips through it by the delimiter's length
 * (Boyer-Moore-Horspool).
 */
final class MultipartStream {

	/** What the body says, in order: a part starts, some of its bytes, it ends. */
	sealed interface Event permits PartStart, Data, PartEnd {
	}

	/** @param filename the file name the client gave, or null for a plain form field */
	record PartStart(String name, String filename) implements Event {
	}

	/** Bytes of the current part; the array is never written again. */
	record Data(byte[] bytes, int offset, int length) implements Event {
	}

	record PartEnd() implements Event {
	}

	private static final PartEnd PART_END = new PartEnd();

	private static final byte[] NOTHING = new byte[0];

	private static final int MAX_HEADER_BYTES = 16 * 1024;

	/** Browsers send none; anything long before the first boundary is not a form. */
	private static final int MAX_PREAMBLE_BYTES = 64 * 1024;

	private enum State {

		PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, DONE

	}

	/** CRLF, two dashes and the boundary: what ends a part. */
	private final byte[] delimiter;

	/** Horspool's skip table: how far the delimiter may move on, by the byte under its last position. */
	private final int[] skip = new int[256];

	/** The end of the previous buffer, where a delimiter may have begun. */
	private byte[] held;

	private final ByteArrayOutputStream headers = new ByteArrayOutputStream();

	/** The last four header bytes, for spotting the empty line that ends them. */
	private int lastFour;

	private long preamble;

	private State state = State.PREAMBLE;

	MultipartStream(String boundary) {
		if (boundary == null || boundary.isEmpty() || boundary.length() > 70
				|| !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
			throw Problems.badRequest("a multipart/form-data body needs a boundary of 1 to 70 ASCII characters");
		}
		this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
		Arrays.fill(skip, delimiter.length);
		for (int i = 0; i < delimiter.length - 1; i++) {
			skip[delimiter[i] & 0xff] = delimiter.length - 1 - i;
		}
		// As if a line had ended just before the body, so that the first boundary is found like any other.
		this.held = new byte[] { '\r', '\n' };
	}

	/** The boundary parameter of the request's Content-Type, unquoted; null if there is none. */
	static String boundary(ServerHttpRequest request) {
		MediaType type = request.getHeaders().getContentType();
		String boundary = type == null ? null : type.getParameter("boundary");
		if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
			boundary = boundary.substring(1, boundary.length() - 1);
		}
		return boundary;
	}

	/**
	 * The events in the next buffer of the request body, which is released here. A refusal comes as an error
	 * signal, never thrown: a throwing mapper would have Reactor discard (release) the buffer a second time.
	 */
	Flux<Event> events(DataBuffer buffer) {
		byte[] bytes;
		try {
			bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		try {
			return Flux.fromIterable(accept(bytes));
		}
		catch (RuntimeException refused) {
			return Flux.error(refused);
		}
	}

	/** The events in the next buffer of the body, which this parser keeps and the caller must not change. */
	List<Event> accept(byte[] input) {
		byte[] buf = held.length == 0 ? input : concat(held, input);
		held = NOTHING;
		List<Event> events = new ArrayList<>(2);
		int pos = 0;
		while (pos < buf.length && state != State.DONE) {
			if (state == State.PREAMBLE || state == State.BODY) {
				pos = scan(buf, pos, events);
			}
			else if (state == State.AFTER_DELIMITER) {
				pos = afterDelimiter(buf, pos);
			}
			else {
				pos = header(buf, pos, events);
			}
		}
		return events;
	}

	/** Throws unless the closing boundary has come. */
	void finish() {
		if (state != State.DONE) {
			throw Problems.badRequest("the multipart body ended before its closing boundary");
		}
	}

	private int scan(byte[] buf, int pos, List<Event> events) {
		boolean body = state == State.BODY;
		int found = indexOfDelimiter(buf, pos);
		if (found >= 0) {
			if (body) {
				if (found > pos) {
					events.add(new Data(buf, pos, found - pos));
				}
				events.add(PART_END);
			}
			state = State.AFTER_DELIMITER;
			return found + delimiter.length;
		}
		int keep = possibleDelimiterStart(buf, pos);
		if (body && keep > pos) {
			events.add(new Data(buf, pos, keep - pos));
		}
		if (!body && (preamble += keep - pos) > MAX_PREAMBLE_BYTES) {
			throw Problems.badRequest("no multipart boundary in the first " + MAX_PREAMBLE_BYTES + " bytes");
		}
		hold(buf, keep);
		return buf.length;
	}

	private int afterDelimiter(byte[] buf, int pos) {
		while (pos < buf.length && (buf[pos] == ' ' || buf[pos] == '\t')) {
			pos++; // transport padding (RFC 2046)
		}
		if (buf.length - pos < 2) {
			hold(buf, pos);
			return buf.length;
		}
		if (buf[pos] == '-' && buf[pos + 1] == '-') {
			state = State.DONE; // what follows the closing boundary is an epilogue, ignored
			return buf.length;
		}
		if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
			state = State.HEADERS;
			headers.reset();
			lastFour = 0;
			return pos + 2;
		}
		throw Problems.badRequest("the multipart body has a malformed boundary line");
	}

	private int header(byte[] buf, int pos, List<Event> events) {
		while (pos < buf.length) {
			byte b = buf[pos++];
			headers.write(b);
			lastFour = (lastFour << 8) | (b & 0xff);
			if (headersEnded()) {
				events.add(partStart());
				state = State.BODY;
				// The CRLF before the first delimiter belongs to it, so the body's scan starts right here.
				return pos;
			}
			if (headers.size() > MAX_HEADER_BYTES) {
				throw Problems.badRequest("a multipart part has over " + MAX_HEADER_BYTES + " bytes of headers");
			}
		}
		return pos;
	}

	private boolean headersEnded() {
		if (headers.size() == 2) {
			return (lastFour & 0xffff) == 0x0d0a; // a part without headers
		}
		return headers.size() >= 4 && lastFour == 0x0d0a0d0a;
	}

	private PartStart partStart() {
		String text = headers.toString(StandardCharsets.UTF_8);
		for (String line : text.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
				ContentDisposition disposition;
				try {
					disposition = ContentDisposition.parse(line.substring(colon + 1).strip());
				}
				catch (IllegalArgumentException e) {
					throw Problems.badRequest("a multipart part has a malformed Content-Disposition");
				}
				if (disposition.getName() == null) {
					break;
				}
				return new PartStart(ClientText.refuseNul("a multipart part's name", disposition.getName()),
						ClientText.refuseNul("a multipart file name", disposition.getFilename()));
			}
		}
		throw Problems.badRequest("every multipart part needs a Content-Disposition with a name");
	}

	/** Boyer-Moore-Horspool: in file bytes it looks at about one byte in every delimiter length. */
	private int indexOfDelimiter(byte[] buf, int from) {
		int length = delimiter.length;
		byte lastOfDelimiter = delimiter[length - 1];
		for (int i = from; i <= buf.length - length;) {
			byte under = buf[i + length - 1];
			if (under == lastOfDelimiter && matches(buf, i, length)) {
				return i;
			}
			i += skip[under & 0xff];
		}
		return -1;
	}

	/** Where the longest end of {@code buf} that could still grow into a delimiter begins (length if none). */
	private int possibleDelimiterStart(byte[] buf, int from) {
		for (int i = Math.max(from, buf.length - delimiter.length + 1); i < buf.length; i++) {
			if (buf[i] == '\r' && matches(buf, i, buf.length - i)) {
				return i;
			}
		}
		return buf.length;
	}

	private boolean matches(byte[] buf, int at, int length) {
		return Arrays.equals(buf, at, at + length, delimiter, 0, length);
	}

	private void hold(byte[] buf, int from) {
		held = from == buf.length ? NOTHING : Arrays.copyOfRange(buf, from, buf.length);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

}
