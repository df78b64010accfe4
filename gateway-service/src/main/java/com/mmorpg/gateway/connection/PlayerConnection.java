package com.mmorpg.gateway.connection;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.gateway.chat.Chatter;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One authenticated player's WebSocket. Sends never block: Jetty queues them, and a client that
 * stops reading is dropped once {@link WebSocketEndpoint#MAX_QUEUED_FRAMES} sends are waiting for
 * it (the socket is aborted: a close frame would only queue behind the rest), so a slow client
 * cannot hold up anyone.
 */
final class PlayerConnection implements Chatter.Link {

    private static final AtomicLong IDS = new AtomicLong();
    private static final long ONE_SECOND_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long STRIKE_WINDOW_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long ENTRY_WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final CoreSession session;
    private final long id = IDS.incrementAndGet();
    /**
     * A send that fails while the connection is open (its queue is full: the client stopped reading)
     * drops the socket. Sends failing after our close frame are only late: the close goes on.
     */
    private final Callback dropOnFailure = Callback.from(() -> { }, failure -> {
        if (isOpen()) {
            abort();
        }
    });
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
    /** When world-directory recorded this session (its clock, ms); 0 until announced. */
    private volatile long announcedSince;
    private volatile String characterId;
    /** The character in the world through this connection, as chat knows it; null before enter_world. */
    private volatile Chatter chatter;
    private int strikes;
    private long lastStrikeNanos;
    private int entriesInWindow;
    private long entryWindowStartNanos = System.nanoTime() - ENTRY_WINDOW_NANOS;

    /**
     * @param pingPhaseNanos where in the ping interval this connection's pings fall: connections
     *                       opened in a burst would otherwise be pinged in a burst, every interval
     */
    PlayerConnection(CoreSession session, AccessTokenCodec.AccessToken token, int messagesPerSecond,
            long pingPhaseNanos) {
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

    /**
     * One more {@code enter_world} if fewer than {@code perMinute} began in the
     * current minute (a fixed window: two ints per connection, where a bucket object would double
     * an idle connection's footprint). Messages of one connection are handled one at a time.
     */
    synchronized boolean admitEntry(int perMinute) {
        long now = System.nanoTime();
        if (now - entryWindowStartNanos >= ENTRY_WINDOW_NANOS) {
            entryWindowStartNanos = now;
            entriesInWindow = 0;
        }
        return ++entriesInWindow <= perMinute;
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

    boolean announced() {
        return announcedSince != 0;
    }

    long announcedSince() {
        return announcedSince;
    }

    void markAnnounced(long since) {
        announcedSince = Math.max(1, since);
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
        session.sendFrame(new Frame(OpCode.TEXT, json), dropOnFailure, false);
    }

    /**
     * A text frame already encoded (a chat line written once for everyone who hears it), batched by
     * Jetty until {@link #flush}: lines said at once reach the socket in one write.
     */
    @Override
    public void queue(byte[] utf8Frame) {
        session.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8Frame)), dropOnFailure, true);
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
