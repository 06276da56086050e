package me.klepp.api.web;

import java.util.Set;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import me.klepp.api.problems.ProblemResponses;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests Reactor Netty refuses before Spring sees them (a request line over
 * {@code server.netty.max-initial-line-length}: 414; headers over {@code server.max-http-request-header-size}:
 * 431; a malformed request or URI: 400) are answered with an empty body. This fills in a problem detail, so
 * that every error of the API is one. Only bodiless, untyped errors of those statuses are touched: everything
 * the application writes has a body and a type.
 */
@Component
class DecoderFailureProblems implements NettyServerCustomizer {

	private static final Set<Integer> STATUSES = Set.of(400, 414, 431);

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "klepp.decoderFailureProblems", FILL_IN);
			}
		});
	}

	private static final ChannelHandler FILL_IN = new FillIn();

	@ChannelHandler.Sharable
	private static final class FillIn extends ChannelDuplexHandler {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			if (msg instanceof FullHttpResponse response && STATUSES.contains(response.status().code())
					&& !response.content().isReadable() && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
				HttpStatus status = HttpStatus.valueOf(response.status().code());
				byte[] body = ProblemResponses.json(ProblemDetail.forStatusAndDetail(status, detail(status)));
				FullHttpResponse filled = response.replace(Unpooled.wrappedBuffer(body));
				response.release();
				filled.headers()
					.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
					.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
				super.write(ctx, filled, promise);
				return;
			}
			super.write(ctx, msg, promise);
		}

		private static String detail(HttpStatus status) {
			return switch (status) {
				case URI_TOO_LONG -> "The request line (method, path and query) is longer than this server accepts.";
				case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are larger than this server accepts.";
				default -> "The request is malformed: it is not valid HTTP, or its URL is not a valid URI.";
			};
		}

	}

}
