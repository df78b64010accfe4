package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryo.io.Input;
import com.mmorpg.protocol.KryoNetControl;
import com.mmorpg.protocol.MessageCodec;
import com.mmorpg.protocol.Protocol;
import io.netty.buffer.ByteBuf;

/**
 * Decodes client messages with {@link MessageCodec}, on the event loop only: the bytes are copied
 * into one scratch array no larger than a client message may be, so decoding allocates nothing
 * but the message itself, and nothing for a length before it is checked.
 */
final class InboundDecoder {

    private final byte[] scratch = new byte[Protocol.MAX_CLIENT_MESSAGE_BYTES];
    private final Input input = new Input(scratch);

    /** The message in {@code length} bytes at {@code index}; throws ProtocolException when there is none. */
    Object decode(ByteBuf buffer, int index, int length) {
        buffer.getBytes(index, scratch, 0, length);
        input.setBuffer(scratch, 0, length);
        return MessageCodec.read(input);
    }

    /** Whether a datagram can be a RegisterUDP, judged by its first byte alone (the only one strangers may send). */
    static boolean mayBeRegisterUdp(ByteBuf datagram) {
        return datagram.readableBytes() >= 2 && datagram.readableBytes() <= 6
                && datagram.getByte(datagram.readerIndex()) == KryoNetControl.REGISTER_UDP_ID + 2;
    }
}
