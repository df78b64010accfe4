package com.mmorpg.gateway.chat;

import java.time.Duration;

/**
 * How fast one player may talk: {@code messages} per {@code per}, refilled continuously (the generic
 * cell rate algorithm: one long of state, where a bucket object would cost every idle player far more).
 */
final class Pace {

    private final long intervalNanos;
    private final long burstNanos;
    /** When the budget is whole again; in the past while it is. */
    private long fullAtNanos = System.nanoTime();

    Pace(int messages, Duration per) {
        this.intervalNanos = per.toNanos() / messages;
        this.burstNanos = per.toNanos();
    }

    /** True (and one message spent) when a message may go now. */
    synchronized boolean admit() {
        long now = System.nanoTime();
        long fullAt = (fullAtNanos - now > 0 ? fullAtNanos : now) + intervalNanos;
        if (fullAt - now > burstNanos) {
            return false;
        }
        fullAtNanos = fullAt;
        return true;
    }

    /** Gives back the message {@link #admit} spent (the line was refused for another reason). */
    synchronized void refund() {
        fullAtNanos -= intervalNanos;
    }

    /** Seconds until one more message may go (at least 1). */
    synchronized long secondsToWait() {
        long wait = fullAtNanos + intervalNanos - burstNanos - System.nanoTime();
        return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }
}
