package de.industriedialog.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Gives the error answers that never reach WebFlux a German
 * {@code application/problem+json} body: Netty refuses an over-long request line (414),
 * over-large headers (431) or a request it cannot parse (400) itself, and Spring's
 * adapter answers an address that is not a URI with a bare 400. Any error answer without
 * a body that leaves the gateway gets one here; answers that have a body (the services'
 * own problem details) pass unchanged.
 */
@Component
class ProblemJsonDecodingFailures implements NettyServerCustomizer {

	private static final String HANDLER = "industriedialog.problemJson";

	private final JsonMapper jsonMapper;

	ProblemJsonDecodingFailures(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER) == null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new EmptyErrorBodies());
			}
		});
	}

	private byte[] body(int status, String path) {
		return this.jsonMapper.writeValueAsBytes(GermanProblems.forStatus(HttpStatusCode.valueOf(status), path));
	}

	/**
	 * Sits between the HTTP codec and Reactor Netty's handlers, so it sees every answer.
	 */
	private final class EmptyErrorBodies extends ChannelDuplexHandler {

		private HttpMethod method;

		private String path;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (msg instanceof HttpRequest request) {
				this.method = request.method();
				String uri = request.uri();
				int query = uri.indexOf('?');
				this.path = (query >= 0) ? uri.substring(0, query) : uri;
			}
			super.channelRead(ctx, msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			if (!(msg instanceof HttpResponse response) || !needsBody(response)) {
				super.write(ctx, msg, promise);
				return;
			}
			byte[] body = body(response.status().code(), this.path);
			if (msg instanceof FullHttpResponse full) {
				FullHttpResponse replaced = full.replace(Unpooled.wrappedBuffer(body));
				full.release();
				withProblemHeaders(replaced, body.length);
				super.write(ctx, replaced, promise);
			}
			else {
				// Headers only, with Content-Length 0: the empty last content follows
				// and still ends the answer after the body written here.
				withProblemHeaders(response, body.length);
				super.write(ctx, response, ctx.newPromise());
				super.write(ctx, new DefaultHttpContent(Unpooled.wrappedBuffer(body)), promise);
			}
		}

		private boolean needsBody(HttpResponse response) {
			if (response.status().code() < 400 || HttpMethod.HEAD.equals(this.method)
					|| response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
				return false;
			}
			if (response instanceof FullHttpResponse full) {
				return full.content().readableBytes() == 0;
			}
			return HttpUtil.getContentLength(response, -1L) == 0L;
		}

		private static void withProblemHeaders(HttpResponse response, int length) {
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
		}

	}

}
