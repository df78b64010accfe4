package com.mmorpg.protocol;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.KryoNetControl.DiscoverHost;
import com.mmorpg.protocol.KryoNetControl.KeepAlive;
import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.KryoNetControl.RegisterTcp;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import java.util.function.Supplier;

/**
 * One message on KryoNet's wire, without Kryo's class resolver: {@code varint(class id + 2)} and
 * then the message's fields. Only the ids of {@link KryoNetControl} and {@link Protocol#MESSAGES}
 * are accepted; Kryo's "null" (0) and "class by name" (1) ids, and any other, are refused before a
 * byte more is read, so a peer can never make the decoder load a class or allocate by a name. A
 * message must use exactly the bytes it was given.
 *
 * <p>Stateless: one {@link Input}/{@link Output} per thread is the caller's business.
 */
public final class MessageCodec {

    private static final int KRYO_CLASS_BY_NAME = 1;
    private static final Supplier<?>[] FACTORIES = new Supplier<?>[Protocol.FIRST_ID + Protocol.MESSAGES.size()];
    private static final ClassValue<Integer> IDS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return idOrMinusOne(type);
        }
    };

    static {
        for (int i = 0; i < Protocol.MESSAGES.size(); i++) {
            FACTORIES[Protocol.FIRST_ID + i] = Protocol.MESSAGES.get(i).factory();
        }
    }

    private MessageCodec() {
    }

    /**
     * Decodes the one message between {@code in}'s position and its limit: a {@link WireMessage}
     * or a {@link KryoNetControl}. Anything else, a truncated message or bytes left over fail with
     * a {@link ProtocolException}.
     */
    public static Object read(Input in) {
        try {
            Object message = readUnchecked(in);
            if (in.position() != in.limit()) {
                throw new ProtocolException((in.limit() - in.position()) + " bytes after the message");
            }
            return message;
        } catch (ProtocolException e) {
            throw e;
        } catch (KryoException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ProtocolException("truncated or malformed message");
        }
    }

    /** The class id of the message in {@code bytes} (its first varint, minus Kryo's offset of 2), or -1. */
    public static int peekId(byte[] bytes, int offset, int length) {
        if (length < 1 || (bytes[offset] & 0x80) != 0) {
            return -1; // every id we know fits in one byte
        }
        return bytes[offset] - 2;
    }

    private static Object readUnchecked(Input in) {
        int id = in.readVarInt(true) - 2;
        return switch (id) {
            case KryoNetControl.REGISTER_TCP_ID -> new RegisterTcp(in.readVarInt(false));
            case KryoNetControl.REGISTER_UDP_ID -> new RegisterUdp(in.readVarInt(false));
            case KryoNetControl.KEEP_ALIVE_ID -> KeepAlive.INSTANCE;
            case KryoNetControl.DISCOVER_HOST_ID -> DiscoverHost.INSTANCE;
            case KryoNetControl.PING_ID -> {
                int pingId = in.readVarInt(false);
                yield new Ping(pingId, readBoolean(in));
            }
            default -> {
                if (id < Protocol.FIRST_ID || id >= FACTORIES.length) {
                    throw new ProtocolException(id == KRYO_CLASS_BY_NAME - 2
                            ? "class ids by name are refused" : "unknown class id " + id);
                }
                WireMessage message = (WireMessage) FACTORIES[id].get();
                message.read(in);
                yield message;
            }
        };
    }

    private static boolean readBoolean(Input in) {
        byte value = in.readByte();
        if (value != 0 && value != 1) {
            throw new ProtocolException("boolean byte " + value);
        }
        return value == 1;
    }

    /** Writes {@code message} (a {@link WireMessage} or a {@link KryoNetControl}) as KryoNet would. */
    public static void write(Output out, Object message) {
        switch (message) {
            case WireMessage wire -> {
                int id = IDS.get(wire.getClass());
                if (id < 0) {
                    throw new IllegalArgumentException(wire.getClass().getName() + " is not part of the protocol");
                }
                out.writeVarInt(id + 2, true);
                wire.write(out);
            }
            case RegisterTcp register -> {
                out.writeVarInt(KryoNetControl.REGISTER_TCP_ID + 2, true);
                out.writeVarInt(register.connectionId(), false);
            }
            case RegisterUdp register -> {
                out.writeVarInt(KryoNetControl.REGISTER_UDP_ID + 2, true);
                out.writeVarInt(register.connectionId(), false);
            }
            case KeepAlive keepAlive -> out.writeVarInt(KryoNetControl.KEEP_ALIVE_ID + 2, true);
            case DiscoverHost discover -> out.writeVarInt(KryoNetControl.DISCOVER_HOST_ID + 2, true);
            case Ping ping -> {
                out.writeVarInt(KryoNetControl.PING_ID + 2, true);
                out.writeVarInt(ping.id(), false);
                out.writeByte(ping.reply() ? 1 : 0);
            }
            default -> throw new IllegalArgumentException(message.getClass().getName() + " is not part of the protocol");
        }
    }

    private static int idOrMinusOne(Class<?> type) {
        for (int i = 0; i < Protocol.MESSAGES.size(); i++) {
            if (Protocol.MESSAGES.get(i).type() == type) {
                return Protocol.FIRST_ID + i;
            }
        }
        return -1;
    }
}
