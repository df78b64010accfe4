package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.KryoSerialization;
import com.mmorpg.common.protocol.Protocol;
import com.mmorpg.mapserver.ops.MapServerMetrics;
import java.nio.ByteBuffer;

/** KryoNet's serialization with our protocol registered, counting bytes each way and undecodable input. */
final class CountingSerialization extends KryoSerialization {

    private final MapServerMetrics metrics;

    CountingSerialization(MapServerMetrics metrics) {
        this.metrics = metrics;
        Protocol.register(getKryo());
    }

    @Override
    public synchronized void write(Connection connection, ByteBuffer buffer, Object object) {
        int start = buffer.position();
        super.write(connection, buffer, object);
        metrics.bytesOut(buffer.position() - start);
    }

    @Override
    public synchronized Object read(Connection connection, ByteBuffer buffer) {
        int start = buffer.position();
        try {
            Object object = super.read(connection, buffer);
            metrics.bytesIn(buffer.position() - start);
            return object;
        } catch (KryoException | IllegalArgumentException | IndexOutOfBoundsException e) {
            metrics.undecodable();
            throw e;
        }
    }
}
