package com.mmorpg.client.map;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Client-side prediction with server reconciliation. Each input moves the local player at once, as
 * the server will (speed / tick rate per tick, direction shortened to length 1), and is remembered;
 * when a snapshot acknowledges {@code ack_seq}, the server's position for that input replaces the
 * prediction and the inputs not yet acknowledged are replayed on top of it. Walls are not
 * predicted: the server's answer corrects a step into one within a round trip.
 */
public final class Prediction {

    private record Input(int seq, float dx, float dy) {
    }

    private final Deque<Input> pending = new ArrayDeque<>();
    private final float stepPixels;
    private float x;
    private float y;
    private int lastAcked;
    private float lastCorrection;

    public Prediction(float x, float y, float speed, int tickRate) {
        this.x = x;
        this.y = y;
        this.stepPixels = speed / tickRate;
    }

    /** A new input was sent: move now. */
    public synchronized void applyInput(int seq, float dirX, float dirY) {
        float length = (float) Math.sqrt(dirX * dirX + dirY * dirY);
        if (length > 1f) {
            dirX /= length;
            dirY /= length;
        }
        Input input = new Input(seq, dirX * stepPixels, dirY * stepPixels);
        pending.addLast(input);
        if (pending.size() > 256) {
            pending.removeFirst(); // the server stopped answering; keep memory bounded
        }
        x += input.dx();
        y += input.dy();
    }

    /** The server's position after input {@code ackSeq}: re-apply what it has not processed yet. */
    public synchronized void reconcile(int ackSeq, float serverX, float serverY) {
        if (ackSeq < lastAcked) {
            return; // an older datagram arriving late
        }
        lastAcked = ackSeq;
        while (!pending.isEmpty() && pending.peekFirst().seq() <= ackSeq) {
            pending.removeFirst();
        }
        float px = serverX;
        float py = serverY;
        for (Input input : pending) {
            px += input.dx();
            py += input.dy();
        }
        lastCorrection = (float) Math.hypot(px - x, py - y);
        x = px;
        y = py;
    }

    /** Teleports (respawn, channel change). */
    public synchronized void reset(float newX, float newY) {
        pending.clear();
        x = newX;
        y = newY;
    }

    public synchronized float x() {
        return x;
    }

    public synchronized float y() {
        return y;
    }

    /** How far the last reconciliation moved the prediction (0 when it was right). */
    public synchronized float lastCorrection() {
        return lastCorrection;
    }

    public synchronized int pendingInputs() {
        return pending.size();
    }
}
