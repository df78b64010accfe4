package com.mmorpg.mapserver.ops;

import com.mmorpg.common.token.InvalidTokenException;
import com.mmorpg.common.token.LiveViewCredentials;
import com.mmorpg.mapserver.spectate.Spectators;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The side port for operators and probes: {@code GET /health} and {@code GET /ready} (the same JSON,
 * 200 while serving, 503 when draining or when the tick or the network loop has stopped or is
 * stuck; one path for liveness probes, one for readiness probes), {@code GET /metrics}
 * (Prometheus text), and for the operations console (with a {@link LiveViewCredentials} credential
 * for this server, else 401; the internal key is not accepted)
 * {@code GET /view/map} (the tiles) and {@code GET /view/channel/<n>} (every entity of channel n, a
 * few times a second: {@link Spectators}) and {@code GET /view/character/<id>} (its channel and position). Anything else is 404; methods other than GET/HEAD are 405.
 * Never on the game port.
 *
 * <p>On a Netty event loop of its own, apart from the game port's, so it answers while the game
 * loop is stuck (that is when it must say 503), and non-blocking, so a client that sends its
 * request slowly holds no thread: every connection has {@link #REQUEST_DEADLINE_SECONDS} to send a
 * complete request of at most 8 KiB and is closed after the answer; at most {@link
 * #MAX_CONNECTIONS} at a time. While those are all held (by idle sockets, say), {@link #PROBE_RESERVE}
 * more are taken that answer {@code /health} and {@code /ready} only and live {@link
 * #PROBE_DEADLINE_SECONDS}: holding the ops port does not make a liveness probe restart the server.
 */
public final class OpsServer implements AutoCloseable {

    /** What {@code /health} reports. */
    public record Health(boolean up, String json) {
    }

    static final int REQUEST_DEADLINE_SECONDS = 5;
    static final int MAX_CONNECTIONS = 64;
    /** Connections taken while the {@link #MAX_CONNECTIONS} are all held: for {@code /health} and {@code /ready} only. */
    static final int PROBE_RESERVE = 8;
    /**
     * Connections one source address may hold at once, in both pools together: filling the 64 takes eight
     * addresses, and the probes' slots more on top (a scraper, world-directory and a kubelet need one or two each).
     * The host's own loopback address ({@code 127.0.0.1}, {@code ::1}: a container's health check, the
     * development stack) is not capped.
     */
    static final int MAX_PER_ADDRESS = 8;
    private static final java.util.Set<java.net.InetAddress> LOCAL = java.util.Set.of(
            java.net.InetAddress.ofLiteral("127.0.0.1"), java.net.InetAddress.ofLiteral("::1"));
    /** A probe sends its request at once; a reserved slot is not held longer than this. */
    static final int PROBE_DEADLINE_SECONDS = 2;
    private static final java.util.Set<String> PROBES = java.util.Set.of("/health", "/ready");
    private static final int MAX_REQUEST_BYTES = 8 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private OpsServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * What the console may watch, and how its fetches are checked: a live-map credential for this
     * server ({@code Authorization: Bearer}, minted by world-directory), never the internal key.
     */
    public record Spectating(Spectators spectators, LiveViewCredentials credentials, String serverId) {
    }

    public static OpsServer start(String bindAddress, int port, Supplier<Health> health, Supplier<String> metrics,
            Spectating spectating, ThreadFactory threads) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
        AtomicInteger open = new AtomicInteger();
        AtomicInteger probing = new AtomicInteger();
        java.util.concurrent.ConcurrentHashMap<java.net.InetAddress, Integer> perAddress = new java.util.concurrent.ConcurrentHashMap<>();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        java.net.InetAddress source = ch.remoteAddress().getAddress();
                        if (LOCAL.contains(source)) {
                            source = null; // not counted
                        } else if (perAddress.merge(source, 1, Integer::sum) > MAX_PER_ADDRESS) {
                            release(perAddress, source);
                            ch.close();
                            return;
                        }
                        if (source != null) {
                            java.net.InetAddress counted = source;
                            ch.closeFuture().addListener(f -> release(perAddress, counted));
                        }
                        AtomicInteger pool = take(open, MAX_CONNECTIONS) ? open : take(probing, PROBE_RESERVE) ? probing : null;
                        if (pool == null) {
                            ch.close();
                            return;
                        }
                        boolean probesOnly = pool == probing;
                        int deadline = probesOnly ? PROBE_DEADLINE_SECONDS : REQUEST_DEADLINE_SECONDS;
                        ch.closeFuture().addListener(f -> pool.decrementAndGet());
                        ch.eventLoop().schedule(() -> {
                            ch.close();
                        }, deadline, TimeUnit.SECONDS);
                        ch.pipeline().addLast(new ReadTimeoutHandler(deadline),
                                new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES),
                                new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new Endpoints(health, metrics, spectating, probesOnly));
                    }
                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(bindAddress, port)).sync().channel();
            return new OpsServer(group, channel);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("Cannot bind the ops port " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** One connection of {@code source} fewer (the entry goes with its last). */
    private static void release(java.util.concurrent.ConcurrentHashMap<java.net.InetAddress, Integer> perAddress,
            java.net.InetAddress source) {
        perAddress.computeIfPresent(source, (address, held) -> held > 1 ? held - 1 : null);
    }

    /** One slot of {@code pool} if it has one left (one event loop accepts, but the close listeners may run on it later). */
    private static boolean take(AtomicInteger pool, int size) {
        if (pool.incrementAndGet() <= size) {
            return true;
        }
        pool.decrementAndGet();
        return false;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private static final class Endpoints extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final Supplier<Health> health;
        private final Supplier<String> metrics;
        private final Spectating spectating;
        private final boolean probesOnly;

        Endpoints(Supplier<Health> health, Supplier<String> metrics, Spectating spectating, boolean probesOnly) {
            this.health = health;
            this.metrics = metrics;
            this.spectating = spectating;
            this.probesOnly = probesOnly;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "application/json", "{\"code\":\"BAD_REQUEST\"}");
                return;
            }
            HttpMethod method = request.method();
            String path = request.uri().split("\\?", 2)[0];
            boolean view = path.equals("/view/map") || path.startsWith("/view/channel/") || path.startsWith("/view/character/");
            boolean known = PROBES.contains(path) || path.equals("/metrics") || view;
            if (probesOnly && !PROBES.contains(path)) { // a reserved slot: the others are all held
                respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", "{\"code\":\"OPS_BUSY\"}");
            } else if (!known) {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "application/json", "{\"code\":\"NOT_FOUND\"}");
            } else if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.METHOD_NOT_ALLOWED);
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD").setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                send(ctx, response);
            } else if (view) {
                view(ctx, request, path);
            } else if (PROBES.contains(path)) {
                Health current = health.get();
                respond(ctx, request, current.up() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "application/json", current.json());
            } else {
                respond(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            }
        }

        private void view(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip() : null;
            try {
                if (spectating == null) {
                    throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "no live view here");
                }
                spectating.credentials().verify(token, spectating.serverId());
            } catch (InvalidTokenException refused) {
                respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, "application/json",
                        "{\"code\":\"INVALID_VIEW_CREDENTIAL\"}");
                return;
            }
            String json;
            if (path.equals("/view/map")) {
                json = spectating.spectators().mapJson();
            } else if (path.startsWith("/view/character/")) {
                String id = path.substring("/view/character/".length());
                json = id.matches("[0-9]{1,19}") ? spectating.spectators().whereIs(id) : null;
            } else {
                String number = path.substring("/view/channel/".length());
                json = number.matches("[0-9]{1,4}") ? spectating.spectators().frameJson(Integer.parseInt(number)) : null;
            }
            if (json == null) {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "application/json", "{\"code\":\"CHANNEL_NOT_FOUND\"}");
            } else {
                respond(ctx, request, HttpResponseStatus.OK, "application/json", json);
            }
        }

        private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                String type, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean head = request.method().equals(HttpMethod.HEAD);
            ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            HttpUtil.setContentLength(response, bytes.length);
            send(ctx, response);
        }

        private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // timeouts, resets, oversized requests: nothing to tell a client that broke the rules
        }
    }
}
