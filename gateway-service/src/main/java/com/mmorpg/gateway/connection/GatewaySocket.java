package com.mmorpg.gateway.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket on {@code /ws}, at the frame level: it turns frames into whole messages for
 * {@link MessageRouter} and asks Jetty for the next frame only once a message has been
 * handled, so a connection's messages are handled one at a time, in order. A message may come
 * fragmented (continuation frames) up to {@code maxMessageBytes} in all; text must be valid UTF-8
 * (else close 1007), a binary frame is taken as UTF-8 JSON (Godot's {@code WebSocketPeer} default).
 * The buffer for a fragmented message exists only while one is arriving.
 */
final class GatewaySocket implements FrameHandler {

    static final CloseStatus TOO_BIG = new CloseStatus(CloseStatus.MESSAGE_TOO_LARGE, "Message too big");
    static final CloseStatus NOT_UTF8 = new CloseStatus(CloseStatus.BAD_PAYLOAD, "Text is not UTF-8");
    static final CloseStatus SERVER_ERROR = new CloseStatus(CloseStatus.SERVER_ERROR, "Server error");

    private static final Logger log = LoggerFactory.getLogger(GatewaySocket.class);

    private final PlayerSessions sessions;
    private final MessageRouter router;
    private final int maxMessageBytes;
    /** The token presented at the upgrade, until the socket opens. */
    private String presentedToken;
    private CoreSession session;
    /** Null when the connection was refused at open (its close is on its way). */
    private PlayerConnection connection;
    private ByteArrayOutputStream fragments;
    private boolean fragmentsAreText;

    GatewaySocket(PlayerSessions sessions, MessageRouter router, String presentedToken, int maxMessageBytes) {
        this.sessions = sessions;
        this.router = router;
        this.presentedToken = presentedToken;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        this.session = session;
        String token = presentedToken;
        presentedToken = null;
        try {
            connection = sessions.opened(session, token);
        } catch (RuntimeException e) {
            log.error("Could not open connection remote={}", session.getRemoteAddress(), e);
            callback.failed(e); // Jetty closes with 1011
            return;
        }
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.CLOSE) {
            callback.succeeded(); // Jetty answers the close and ends the connection
            return;
        }
        String message = null;
        boolean binary = false;
        boolean deliver = false;
        if (connection != null && session.isOutputOpen()) {
            switch (opCode) {
                case OpCode.PING, OpCode.PONG -> router.control(connection); // Jetty answers a ping with a pong
                case OpCode.TEXT, OpCode.BINARY -> {
                    if (frame.isFin()) {
                        binary = opCode == OpCode.BINARY;
                        message = utf8(frame.getPayload());
                        deliver = true;
                    } else {
                        fragments = new ByteArrayOutputStream();
                        fragmentsAreText = opCode == OpCode.TEXT;
                        append(frame.getPayload());
                    }
                }
                case OpCode.CONTINUATION -> {
                    if (fragments != null && append(frame.getPayload()) && frame.isFin()) {
                        binary = !fragmentsAreText;
                        message = utf8(ByteBuffer.wrap(fragments.toByteArray()));
                        fragments = null;
                        deliver = true;
                    }
                }
                default -> {
                    // no other op codes reach a frame handler
                }
            }
        }
        callback.succeeded(); // the frame's buffer goes back to the pool; the message is a String by now
        if (deliver) {
            deliver(message, binary);
        }
        session.demand();
    }

    private void deliver(String message, boolean binary) {
        try {
            if (message != null) {
                router.message(connection, message);
            } else if (binary) {
                router.undecodable(connection);
            } else {
                connection.close(NOT_UTF8);
            }
        } catch (RuntimeException e) {
            log.error("Message handling failed user={} connection={}", connection.userId(), connection.id(), e);
            connection.close(SERVER_ERROR);
        }
    }

    /** Adds a fragment; false (and close 1009) when the message grows over the limit. */
    private boolean append(ByteBuffer payload) {
        int length = payload == null ? 0 : payload.remaining();
        if (fragments.size() + length > maxMessageBytes) {
            fragments = null;
            connection.close(TOO_BIG);
            return false;
        }
        if (length > 0) {
            fragments.write(BufferUtil.toArray(payload), 0, length);
        }
        return true;
    }

    /** The payload as strict UTF-8; null when it is not UTF-8. */
    private static String utf8(ByteBuffer payload) {
        if (payload == null || !payload.hasRemaining()) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(payload.slice()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        log.debug("transport error connection={}: {}", connection == null ? "-" : connection.id(), cause.toString());
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        if (connection != null) {
            sessions.closed(connection, status.getCode());
        }
        callback.succeeded();
    }
}
