package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.config.GatewayProperties;
import java.net.URLDecoder;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * {@code /ws}, served by Jetty's WebSocket core in front of Spring's servlet context: an upgrade
 * to {@code /ws} never reaches the servlet layer, every other request goes on to Spring MVC
 * (actuator, the internal API). Spring's WebSocket session layer and Jetty's annotation-style API
 * on top of the core session cost an idle connection about 5 KB of heap (copied handshake headers
 * and URI, attribute maps, a send decorator, method-handle bindings); this endpoint keeps only the
 * core session and one {@link GatewaySocket} per connection (BENCHMARKS.md, session 10).
 *
 * <p>Frames over {@code max-frame-bytes} (or a fragmented message adding up to more) are closed
 * with 1009. No extension is negotiated: permessage-deflate would give every connection its own
 * inflater and deflater for messages of a few hundred bytes.
 */
@Component
class WebSocketEndpoint implements JettyServerCustomizer, WebSocketNegotiator {

    static final String PATH = "/ws";
    private static final String TOKEN_ATTRIBUTE = WebSocketEndpoint.class.getName() + ".token";
    private static final HttpURI PATH_ONLY = HttpURI.build().path(PATH).asImmutable();
    /**
     * Sends queued for a client that stopped reading before it is dropped; {@code max-outbound-bytes}
     * caps their size as well ({@link PlayerConnection}).
     */
    static final int MAX_QUEUED_FRAMES = 128;

    private final PlayerSessions sessions;
    private final MessageRouter router;
    private final GatewayProperties properties;
    /** One instance for every session (each keeps a reference). */
    private final Duration backstopIdleTimeout;

    WebSocketEndpoint(PlayerSessions sessions, MessageRouter router, GatewayProperties properties) {
        this.sessions = sessions;
        this.router = router;
        this.properties = properties;
        this.backstopIdleTimeout = properties.idleTimeout().multipliedBy(2);
    }

    @Override
    public void customize(Server server) {
        WebSocketComponents components = WebSocketServerComponents.ensureWebSocketComponents(server);
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler(components) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!PATH.equals(Request.getPathInContext(request))) {
                    return super.handle(request, response, callback);
                }
                if (!isUri(request.getHttpURI())) {
                    // Jetty's handshake parses it as a java.net.URI and would answer 500 with the parser's message
                    Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
                    return true;
                }
                return super.handle(bare(request), response, callback);
            }
        };
        upgrades.addMapping(PATH, this);
        upgrades.setHandler(server.getHandler());
        server.setHandler(upgrades);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
    }

    /**
     * The upgrade request with only its path, the {@code ?token=} moved to a request attribute:
     * Jetty's session keeps the request URI and its query parameters for the socket's life; a JWT in
     * them would be three more copies of the token on the heap per connection (and one in any debug
     * log of the session). The gateway reads nothing else from the URI.
     */
    private static Request bare(Request request) {
        String query = request.getHttpURI().getQuery();
        if (query != null) {
            request.setAttribute(TOKEN_ATTRIBUTE, tokenOf(query, null));
        }
        return new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return PATH_ONLY;
            }
        };
    }

    private static boolean isUri(HttpURI uri) {
        try {
            uri.toURI();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Accepts every upgrade to {@code /ws}: the token is checked once the socket is open, so that a
     * bad one gets close 1008 "Invalid token" (what the seed's clients expect), not an HTTP error.
     * Game clients (Godot) send no Origin; browsers of any origin may connect, the JWT is the gate.
     */
    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        response.setExtensions(List.of());
        String token = request.getAttribute(TOKEN_ATTRIBUTE) instanceof String fromQuery ? fromQuery
                : tokenOf(null, request.getHeaders().get(HttpHeader.AUTHORIZATION));
        return new GatewaySocket(sessions, router, token, properties.maxFrameBytes());
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.setMaxFrameSize(properties.maxFrameBytes());
        configuration.setMaxTextMessageSize(properties.maxFrameBytes());
        configuration.setMaxBinaryMessageSize(properties.maxFrameBytes()); // UTF-8 JSON in binary frames (Godot's default)
        configuration.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
        configuration.setAutoFragment(false);
        // Our own reaper closes idle players after idle-timeout; this is only the backstop.
        configuration.setIdleTimeout(backstopIdleTimeout);
    }

    /** {@code ?token=<JWT>} (the seed's form) or {@code Authorization: Bearer <JWT>}; null when neither. */
    static String tokenOf(String rawQuery, String authorization) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("token=")) {
                    try {
                        return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return ""; // not even URL-encoded (?token=%zz): an invalid token, closed 1008 like any other
                    }
                }
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }
}
