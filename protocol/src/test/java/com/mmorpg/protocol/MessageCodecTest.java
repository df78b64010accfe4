package com.mmorpg.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.KryoNetControl.KeepAlive;
import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.KryoNetControl.RegisterTcp;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    /** Class id of Authenticate, then a Kryo UTF-8 string length of 2^30 + 1: Kryo would allocate a 2 GiB char[]. */
    static final byte[] STRING_BOMB = {0x16, (byte) 0xC1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};

    @Test
    void theStringLengthBombIsRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> read(STRING_BOMB)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("ticket longer than");
        assertThatThrownBy(() -> guardedKryo().readClassAndObject(new Input(STRING_BOMB)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("ticket longer than");
    }

    @Test
    void aStringMayNotDeclareMoreCharactersThanTheMessageHolds() {
        // 100 characters declared (UTF-8 length 101 = 0x65: 0x80|0x40|(101 & 0x3f), 101 >> 6), three present
        byte[] lying = {0x16, (byte) (0xC0 | (101 & 0x3f)), (byte) (101 >> 6), 'a', 'b', 'c'};
        assertThatThrownBy(() -> read(lying)).isInstanceOf(ProtocolException.class).hasMessageContaining("declares more");
    }

    @Test
    void snapshotCountsAreCheckedAgainstTheBytesLeft() {
        Output out = new Output(64);
        out.writeVarInt(Protocol.idOf(Snapshot.class) + 2, true);
        for (int i = 0; i < 4; i++) {
            out.writeVarInt(1, true);
        }
        out.writeVarInt(1000, true); // 1,000 entries of 2+ bytes each, none present
        assertThatThrownBy(() -> read(out.toBytes())).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds the message");
    }

    @Test
    void classIdsByNameUnknownIdsAndNullAreRefused() {
        byte[] byName = {0x01, 0x00, (byte) ('j' | 0x80)};
        assertThatThrownBy(() -> read(byName)).isInstanceOf(ProtocolException.class).hasMessageContaining("by name");
        assertThatThrownBy(() -> read(new byte[] {0x05})).isInstanceOf(ProtocolException.class).hasMessageContaining("unknown");
        assertThatThrownBy(() -> read(new byte[] {0x00})).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> read(new byte[] {(byte) 0x99, 0x01})).isInstanceOf(ProtocolException.class);

        Kryo kryo = guardedKryo();
        assertThatThrownBy(() -> kryo.readClassAndObject(new Input(byName))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("by name");
        assertThatThrownBy(() -> kryo.readClassAndObject(new Input(new byte[] {0x13}))).isInstanceOf(KryoException.class)
                .hasMessageContaining("unregistered");
    }

    @Test
    void truncatedMessagesAndTrailingBytesAreRefusedWithoutAStackTrace() {
        byte[] move = write(new MoveInput(7, 1, 0));
        ProtocolException truncated = (ProtocolException) org.assertj.core.api.Assertions.catchThrowable(
                () -> read(Arrays.copyOf(move, move.length - 1)));
        assertThat(truncated).hasMessageContaining("truncated");
        assertThat(truncated.getStackTrace()).isEmpty();
        assertThatThrownBy(() -> read(Arrays.copyOf(move, move.length + 1))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("after the message");
    }

    @Test
    void kryoNetsOwnMessagesHaveKryosFieldLayout() {
        // What KryoNet's KryoSerialization writes (and the Godot addon's vectors hold): id + 2, then zig-zag ints.
        assertThat(write(new RegisterTcp(5))).containsExactly(12, 10);
        assertThat(write(new RegisterUdp(-1))).containsExactly(13, 1);
        assertThat(write(KeepAlive.INSTANCE)).containsExactly(14);
        assertThat(write(new Ping(3, true))).containsExactly(16, 6, 1);
        assertThat(read(write(new RegisterUdp(123_456_789)))).isEqualTo(new RegisterUdp(123_456_789));
        assertThat(read(write(new Ping(9, false)))).isEqualTo(new Ping(9, false));
    }

    @Test
    void protocolMessagesRoundTripAndMatchKryosOwnEncoding() {
        Kryo kryo = guardedKryo();
        Rejected rejected = new Rejected("FLOODING", "Too many messages: ünïcode");
        Output kryoOut = new Output(256);
        kryo.writeClassAndObject(kryoOut, rejected);
        assertThat(write(rejected)).containsExactly(kryoOut.toBytes());
        Rejected back = (Rejected) read(write(rejected));
        assertThat(back.code).isEqualTo("FLOODING");
        assertThat(back.message).isEqualTo(rejected.message);
        assertThat(MessageCodec.peekId(write(rejected), 0, 3)).isEqualTo(Protocol.idOf(Rejected.class));
    }

    private static Kryo guardedKryo() {
        return Protocol.newKryo();
    }

    private static byte[] write(Object message) {
        Output out = new Output(64, 64 * 1024);
        MessageCodec.write(out, message);
        return out.toBytes();
    }

    private static Object read(byte[] bytes) {
        return MessageCodec.read(new Input(bytes));
    }
}
