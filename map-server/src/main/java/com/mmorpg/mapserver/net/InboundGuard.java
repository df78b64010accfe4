package com.mmorpg.mapserver.net;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Per-connection limits, checked on the network thread before anything reaches the world:
 * movement input up to twice the tick rate, other actions up to 10/s, each with a one-second burst.
 * Excess is dropped; a client whose drops in one second exceed {@link #FLOOD_FACTOR} times its
 * allowance is flooding and is disconnected, as is one that keeps sending undecodable or
 * unexpected messages.
 */
final class InboundGuard {

    static final int ACTIONS_PER_SECOND = 10;
    static final int FLOOD_FACTOR = 3;
    static final int MAX_STRIKES = 10;

    /** What to do with a message. */
    enum Verdict { ACCEPT, DROP, DISCONNECT }

    private final Bucket moves;
    private final Bucket actions;
    private final int floodThreshold;
    private long windowStart;
    private int droppedInWindow;
    private int strikes;

    InboundGuard(int tickRate) {
        int movesPerSecond = 2 * tickRate;
        this.moves = Bucket.builder()
                .addLimit(limit -> limit.capacity(movesPerSecond).refillGreedy(movesPerSecond, Duration.ofSeconds(1)))
                .build();
        this.actions = Bucket.builder()
                .addLimit(limit -> limit.capacity(ACTIONS_PER_SECOND).refillGreedy(ACTIONS_PER_SECOND, Duration.ofSeconds(1)))
                .build();
        this.floodThreshold = FLOOD_FACTOR * (movesPerSecond + ACTIONS_PER_SECOND);
    }

    Verdict move(long nowNanos) {
        return moves.tryConsume(1) ? Verdict.ACCEPT : dropped(nowNanos);
    }

    Verdict action(long nowNanos) {
        return actions.tryConsume(1) ? Verdict.ACCEPT : dropped(nowNanos);
    }

    /** A message that has no business arriving now (or at all). */
    Verdict strike() {
        return ++strikes >= MAX_STRIKES ? Verdict.DISCONNECT : Verdict.DROP;
    }

    private Verdict dropped(long nowNanos) {
        if (nowNanos - windowStart > 1_000_000_000L) {
            windowStart = nowNanos;
            droppedInWindow = 0;
        }
        return ++droppedInWindow > floodThreshold ? Verdict.DISCONNECT : Verdict.DROP;
    }
}
