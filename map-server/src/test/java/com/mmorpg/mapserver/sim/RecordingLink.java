package com.mmorpg.mapserver.sim;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.protocol.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** A player connection that records what the world sent it. */
public final class RecordingLink implements PlayerLink {

    /** Kryo is not thread-safe, and interest workers may send on several threads. */
    private static final ThreadLocal<Kryo> KRYO = ThreadLocal.withInitial(() -> {
        Kryo kryo = new Kryo();
        Protocol.register(kryo);
        return kryo;
    });
    private static int nextId = 1;

    public final int id = nextId++;
    public final List<ServerMessage> reliable = new ArrayList<>();
    public final List<Snapshot> snapshots = new ArrayList<>();
    /** Every thread that sent to this link. */
    public final java.util.Set<Thread> senders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public Rejected closedWith;

    @Override
    public int linkId() {
        return id;
    }

    @Override
    public void sendReliable(ServerMessage message) {
        senders.add(Thread.currentThread());
        reliable.add(message);
    }

    /** The world reuses its snapshot object: keep a decoded copy, which also proves it encodes. */
    @Override
    public void sendUnreliable(ServerMessage message) {
        senders.add(Thread.currentThread());
        Output out = new Output(2048, 1 << 16);
        KRYO.get().writeClassAndObject(out, message);
        snapshots.add((Snapshot) KRYO.get().readClassAndObject(new Input(out.toBytes())));
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public void close(Rejected reason) {
        closedWith = reason;
    }

    public <T extends ServerMessage> List<T> received(Class<T> type) {
        return reliable.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public Snapshot lastSnapshot() {
        return snapshots.getLast();
    }

    public void clear() {
        reliable.clear();
        snapshots.clear();
    }
}
