package com.mmorpg.mapserver.net;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Per-connection limits, checked on the network thread before anything reaches the world:
 * movement input up to twice the tick rate, other actions up to 10/s, KryoNet's own frames
 * ({@code Ping}, {@code KeepAlive}) up to {@link #CONTROL_PER_SECOND}, each with a one-second burst.
 * Excess is dropped; a client whose drops in one second exceed {@link #FLOOD_FACTOR} times its
 * allowance is flooding and is disconnected. Undecodable or unexpected messages are strikes, taken
 * from a bucket of {@link #MAX_STRIKES} that refills {@link #STRIKES_FORGIVEN_PER_SECOND} a second:
 * a burst of garbage disconnects, sparse garbage does not. Only what arrives over TCP disconnects
 * ({@code Bouncer}): anyone can send datagrams from a player's address and port.
 */
final class InboundGuard {

    static final int ACTIONS_PER_SECOND = 10;
    /** KryoNet's client sends a KeepAlive every 8 s and a Ping when its game asks for the round trip. */
    static final int CONTROL_PER_SECOND = 10;
    static final int FLOOD_FACTOR = 3;
    static final int MAX_STRIKES = 10;
    static final int STRIKES_FORGIVEN_PER_SECOND = 5;

    /** What to do with a message. */
    enum Verdict { ACCEPT, DROP, DISCONNECT }

    private final Bucket moves;
    private final Bucket actions;
    private final Bucket control;
    private final Bucket strikes;
    private final int floodThreshold;
    private long windowStart;
    private int droppedInWindow;

    InboundGuard(int tickRate) {
        int movesPerSecond = 2 * tickRate;
        this.moves = perSecond(movesPerSecond, movesPerSecond);
        this.actions = perSecond(ACTIONS_PER_SECOND, ACTIONS_PER_SECOND);
        this.control = perSecond(CONTROL_PER_SECOND, CONTROL_PER_SECOND);
        this.strikes = perSecond(MAX_STRIKES, STRIKES_FORGIVEN_PER_SECOND);
        this.floodThreshold = FLOOD_FACTOR * (movesPerSecond + ACTIONS_PER_SECOND + CONTROL_PER_SECOND);
    }

    private static Bucket perSecond(int capacity, int refillPerSecond) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)))
                .build();
    }

    Verdict move(long nowNanos) {
        return moves.tryConsume(1) ? Verdict.ACCEPT : dropped(nowNanos);
    }

    Verdict action(long nowNanos) {
        return actions.tryConsume(1) ? Verdict.ACCEPT : dropped(nowNanos);
    }

    /** A KryoNet frame of the connection's own ({@code Ping}, {@code KeepAlive}, a repeated {@code RegisterUDP}). */
    Verdict control(long nowNanos) {
        return control.tryConsume(1) ? Verdict.ACCEPT : dropped(nowNanos);
    }

    /** A message that has no business arriving now (or at all). */
    Verdict strike() {
        return strikes.tryConsume(1) ? Verdict.DROP : Verdict.DISCONNECT;
    }

    private Verdict dropped(long nowNanos) {
        if (nowNanos - windowStart > 1_000_000_000L) {
            windowStart = nowNanos;
            droppedInWindow = 0;
        }
        return ++droppedInWindow > floodThreshold ? Verdict.DISCONNECT : Verdict.DROP;
    }
}
