package com.mmorpg.gateway.connection;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.gateway.chat.Chatter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One authenticated player's WebSocket. Sends never block: Jetty queues them, and a client that
 * stops reading is dropped once {@link WebSocketEndpoint#MAX_QUEUED_FRAMES} sends, or more than
 * {@code max-outbound-bytes} bytes, are waiting for it (the socket is aborted: a close frame would
 * only queue behind the rest), so a slow client can hold up nobody and hold little memory.
 */
final class PlayerConnection implements Chatter.Link {

    /**
     * What every connection is held to on the way out, shared by all of them (one reference each):
     * the byte cap, and the drops counted by reason ({@code gateway.connections.dropped}).
     */
    record Outbound(int maxBytes, Counter overBytes, Counter sendFailed) {

        static Outbound of(int maxBytes, MeterRegistry meters) {
            return new Outbound(maxBytes, dropped(meters, "outbound_bytes"), dropped(meters, "send_failed"));
        }

        private static Counter dropped(MeterRegistry meters, String reason) {
            return Counter.builder("gateway.connections.dropped").tag("reason", reason)
                    .description("sockets dropped because the client stopped reading (outbound_bytes: over "
                            + "max-outbound-bytes; send_failed: a send failed, mostly over the frame cap)")
                    .register(meters);
        }
    }

    /** Bytes handed to Jetty and not yet written or failed; a field updater, not an AtomicLong per connection. */
    private static final AtomicLongFieldUpdater<PlayerConnection> OUTBOUND =
            AtomicLongFieldUpdater.newUpdater(PlayerConnection.class, "outboundBytes");

    private static final AtomicLong IDS = new AtomicLong();
    private static final long ONE_SECOND_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long STRIKE_WINDOW_NANOS = Duration.ofSeconds(5).toNanos();

    private final CoreSession session;
    private final long id = IDS.incrementAndGet();
    /**
     * A send that fails while the connection is open (its queue is full: the client stopped reading)
     * drops the socket. Sends failing after our close frame are only late: the close goes on.
     */
    private final Callback dropOnFailure = Callback.from(() -> { }, failure -> dropFailed());
    private final Outbound outbound;
    private volatile long outboundBytes;
    private final String userId;
    /** The login session of the token the connection holds now (changes on reauth). */
    private volatile String sessionId;
    private volatile long tokenIssuedAtMillis;
    private volatile long tokenExpiresAtMillis;
    /** Nanoseconds between messages at the allowed rate. */
    private final long messageIntervalNanos;
    /** When the message budget is whole again (GCRA); in the past while it is. */
    private long budgetFullAtNanos = System.nanoTime();
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile long lastPingNanos;
    /** When world-directory recorded this session online (its clock, ms); 0 until it did. */
    private volatile long onlineSince;
    private volatile String characterId;
    /** The character in the world through this connection, as chat knows it; null before enter_world. */
    private volatile Chatter chatter;
    private int strikes;
    private long lastStrikeNanos;

    /**
     * @param pingPhaseNanos where in the ping interval this connection's pings fall: connections
     *                       opened in a burst would otherwise be pinged in a burst, every interval
     */
    PlayerConnection(CoreSession session, AccessTokenCodec.AccessToken token, int messagesPerSecond,
            long pingPhaseNanos, Outbound outbound) {
        this.outbound = outbound;
        this.lastPingNanos = System.nanoTime() - pingPhaseNanos;
        this.session = session;
        this.userId = token.userId();
        holdToken(token);
        this.messageIntervalNanos = ONE_SECOND_NANOS / messagesPerSecond;
    }

    /** Unique in this process; for logs. */
    long id() {
        return id;
    }

    SocketAddress remoteAddress() {
        return session.getRemoteAddress();
    }

    String userId() {
        return userId;
    }

    /** The connection now stands on {@code token} (at connect, and on each {@code reauth}). */
    void holdToken(AccessTokenCodec.AccessToken token) {
        sessionId = token.sessionId();
        tokenIssuedAtMillis = token.issuedAt().toEpochMilli();
        tokenExpiresAtMillis = token.expiresAt().toEpochMilli();
    }

    String sessionId() {
        return sessionId;
    }

    Instant tokenIssuedAt() {
        return Instant.ofEpochMilli(tokenIssuedAtMillis);
    }

    boolean tokenExpiredAt(long nowMillis) {
        return nowMillis >= tokenExpiresAtMillis;
    }

    boolean isOpen() {
        return session.isOutputOpen();
    }

    void touch() {
        lastInboundNanos = System.nanoTime();
    }

    long idleNanos(long now) {
        return now - lastInboundNanos;
    }

    long sincePingNanos(long now) {
        return now - lastPingNanos;
    }

    /** True when the message may be handled; false when over the per-connection rate. */
    synchronized boolean admit() {
        // A token bucket of messagesPerSecond refilled continuously, as the generic cell rate algorithm:
        // one long per connection, where a Bucket4j bucket costs an idle connection about 300 bytes.
        long now = System.nanoTime();
        long fullAt = (budgetFullAtNanos - now > 0 ? budgetFullAtNanos : now) + messageIntervalNanos;
        if (fullAt - now > ONE_SECOND_NANOS) { // a whole second's worth spent: the bucket is empty
            return false;
        }
        budgetFullAtNanos = fullAt;
        return true;
    }

    /** Counts a refused message; the number of refusals in the current streak. */
    synchronized int strike() {
        long now = System.nanoTime();
        if (now - lastStrikeNanos > STRIKE_WINDOW_NANOS) {
            strikes = 0;
        }
        lastStrikeNanos = now;
        return ++strikes;
    }

    /** Whether world-directory has recorded this session online (else it is tried again at the next refresh). */
    boolean recordedOnline() {
        return onlineSince != 0;
    }

    long onlineSince() {
        return onlineSince;
    }

    void markRecordedOnline(long since) {
        onlineSince = Math.max(1, since);
    }

    String characterId() {
        return characterId;
    }

    void enteredWith(String character) {
        this.characterId = character;
    }

    Chatter chatter() {
        return chatter;
    }

    void chatter(Chatter entered) {
        this.chatter = entered;
    }

    @Override
    public void send(String json) {
        sendCounted(new Frame(OpCode.TEXT, json), false);
    }

    /**
     * A text frame already encoded (a chat line written once for everyone who hears it), batched by
     * Jetty until {@link #flush}: lines said at once reach the socket in one write.
     */
    @Override
    public void queue(byte[] utf8Frame) {
        sendCounted(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8Frame)), true);
    }

    /**
     * Hands the frame to Jetty unless more than {@code max-outbound-bytes} would then wait for this
     * client: then the socket is dropped, like one over the frame cap. A frame alone in the queue
     * always goes (the cap is about a backlog, not about one large answer).
     */
    private void sendCounted(Frame frame, boolean batch) {
        int size = frame.getPayloadLength();
        long waiting = OUTBOUND.addAndGet(this, size);
        if (waiting > outbound.maxBytes() && waiting != size) {
            OUTBOUND.addAndGet(this, -size);
            if (isOpen()) {
                outbound.overBytes().increment();
                abort();
            }
            return;
        }
        session.sendFrame(frame, new Sent(size), batch);
    }

    /** A send that fails while the connection is open (mostly: the frame cap): the socket is dropped. */
    private void dropFailed() {
        if (isOpen()) {
            outbound.sendFailed().increment();
            abort();
        }
    }

    /** One frame's completion: its bytes no longer wait. */
    private final class Sent implements Callback {

        private final int size;

        Sent(int size) {
            this.size = size;
        }

        @Override
        public void succeeded() {
            OUTBOUND.addAndGet(PlayerConnection.this, -size);
        }

        @Override
        public void failed(Throwable failure) {
            OUTBOUND.addAndGet(PlayerConnection.this, -size);
            dropFailed();
        }
    }

    @Override
    public void flush() {
        session.flush(dropOnFailure);
    }

    void ping() {
        lastPingNanos = System.nanoTime();
        session.sendFrame(new Frame(OpCode.PING), dropOnFailure, false);
    }

    /** A close frame after what is already queued; Jetty ends the connection when the client answers or times out. */
    void close(CloseStatus status) {
        session.close(status, Callback.NOOP);
    }

    /** Drops the socket at once (a client that stopped reading, a failed send). */
    void abort() {
        session.abort();
    }
}
