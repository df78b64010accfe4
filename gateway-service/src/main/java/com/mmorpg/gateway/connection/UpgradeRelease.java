package com.mmorpg.gateway.connection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Lets go of the HTTP upgrade exchange once a WebSocket is open. Jetty 12.1 keeps each socket's
 * upgrade request and response for the socket's life ({@code Session.getUpgradeRequest()}), and
 * through them the whole servlet request, HTTP connection, parser and header fields: its
 * {@code CompletedUpgradeRequest} holds the request's {@code ImmutableHttpFields}, whose listener
 * supplier captures the HTTP channel, and {@code CompletedUpgradeResponse} wraps the live response's
 * headers. That is about 8 KB of an idle connection's 21 KB of heap (measured with class histograms
 * and heap-dump referrer chains, BENCHMARKS.md). By the time the gateway's handler sees a connection,
 * Spring has copied what it keeps (URI, headers, principal), and nothing asks Jetty for the upgrade
 * request again, so the four references (in Jetty's session and frame handler) are cleared here.
 *
 * <p>The fields are Jetty internals: if an upgrade renames them, or a future JDK refuses to write
 * a final field, nothing breaks: the release is skipped, counted ({@code gateway.upgrade_release}
 * {@code outcome=unavailable}) and logged once, and connections cost what they did before.
 */
@Component
class UpgradeRelease {

    private static final Logger log = LoggerFactory.getLogger(UpgradeRelease.class);
    private static final List<String> FIELDS = List.of("upgradeRequest", "upgradeResponse");

    private final Counter released;
    private final Counter unavailable;
    private volatile Field[] sessionFields;
    private volatile Field[] handlerFields;
    private volatile Field frameHandlerField;
    private volatile boolean disabled;

    UpgradeRelease(MeterRegistry meters) {
        this.released = meters.counter("gateway.upgrade_release", "outcome", "released");
        this.unavailable = meters.counter("gateway.upgrade_release", "outcome", "unavailable");
    }

    void release(WebSocketSession session) {
        if (disabled || !(session instanceof NativeWebSocketSession adapter)) {
            return;
        }
        Object jettySession = adapter.getNativeSession();
        try {
            if (sessionFields == null) {
                resolve(jettySession.getClass());
            }
            Object frameHandler = frameHandlerField.get(jettySession);
            for (Field field : sessionFields) {
                field.set(jettySession, null);
            }
            for (Field field : handlerFields) {
                field.set(frameHandler, null);
            }
            released.increment();
        } catch (ReflectiveOperationException | RuntimeException e) {
            disabled = true;
            unavailable.increment();
            log.warn("Cannot release Jetty's WebSocket upgrade request ({}); each connection keeps about 8 KB more", e.toString());
        }
    }

    private synchronized void resolve(Class<?> jettySessionClass) throws ReflectiveOperationException {
        Field frameHandler = accessible(jettySessionClass.getDeclaredField("frameHandler"));
        Field[] inSession = new Field[FIELDS.size()];
        Field[] inHandler = new Field[FIELDS.size()];
        for (int i = 0; i < FIELDS.size(); i++) {
            inSession[i] = accessible(jettySessionClass.getDeclaredField(FIELDS.get(i)));
            inHandler[i] = accessible(frameHandler.getType().getDeclaredField(FIELDS.get(i)));
        }
        frameHandlerField = frameHandler;
        handlerFields = inHandler;
        sessionFields = inSession;
    }

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }
}
