package com.mmorpg.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    private final Kryo kryo = newKryo();

    private static Kryo newKryo() {
        Kryo kryo = new Kryo();
        Protocol.register(kryo);
        return kryo;
    }

    @Test
    void registrationOrderIsFrozenSoOldClientsKeepWorking() {
        // Append new messages at the end; never reorder, rename the wire meaning or remove one.
        List<String> expected = List.of("Authenticate", "Welcome", "Rejected", "MoveInput", "Snapshot",
                "EntityEntered", "EntityLeft", "ChangeChannel", "ChannelChanged", "AttackRequest", "CombatEvent",
                "Progress", "Died", "MapTransfer", "MapLayoutRequest", "MapLayout", "ItemAction", "InventoryUpdate", "TradeAction", "TradeUpdate");
        assertThat(Protocol.MESSAGES).extracting(r -> r.type().getSimpleName())
                .startsWith(expected.toArray(String[]::new));
        assertThat(Protocol.idOf(Authenticate.class)).isEqualTo(20);
        assertThat(Protocol.idOf(MapTransfer.class)).isEqualTo(33);
        assertThat(Protocol.idOf(MapLayout.class)).isEqualTo(35);
        assertThat(Protocol.idOf(ItemAction.class)).isEqualTo(36);
        assertThat(Protocol.idOf(InventoryUpdate.class)).isEqualTo(37);
        assertThat(Protocol.idOf(TradeUpdate.class)).isEqualTo(39);
        assertThat(kryo.getRegistration(Snapshot.class).getId()).isEqualTo(24);
    }

    @Test
    void everyMessageTypeOfBothSealedFamiliesIsRegistered() {
        List<Class<?>> registered = Protocol.MESSAGES.stream().<Class<?>>map(Protocol.Registration::type).toList();
        assertThat(registered).contains(ClientMessage.class.getPermittedSubclasses());
        assertThat(registered).contains(ServerMessage.class.getPermittedSubclasses());
    }

    @Test
    void authenticateIsClassIdThenKryoString() {
        byte[] bytes = encode(new Authenticate("abc"));
        // class id 20 + 2 as varint, then "abc" as Kryo ASCII: last char has the high bit set.
        assertThat(bytes).containsExactly(22, 'a', 'b', 'c' | 0x80);
    }

    @Test
    void mapLayoutCarriesTheDefinitionAndRefusesOneLongerThanAClientAccepts() {
        String definition = "{\"id\":1,\"name\":\"Greenfield Méadows\",\"tiles\":[\"" + "#".repeat(5000) + "\"]}";
        MapLayout back = roundTrip(new MapLayout(1, definition));
        assertThat(back.mapId).isEqualTo(1);
        assertThat(back.definition).isEqualTo(definition);
        assertThat(encode(new MapLayoutRequest())).containsExactly(36);

        byte[] huge = encode(new MapLayout(1, "é".repeat(MapLayout.MAX_DEFINITION_CHARS + 1)));
        assertThatThrownBy(() -> decode(huge)).isInstanceOf(ProtocolException.class).hasMessageContaining("definition");
    }

    @Test
    void itemActionsAndInventoryUpdatesRoundTripAndUnknownActionsAreRefused() {
        ItemAction unequip = roundTrip(new ItemAction(ItemAction.UNEQUIP, 100, -1, 0));
        assertThat(unequip.action).isEqualTo(ItemAction.UNEQUIP);
        assertThat(unequip.source).isEqualTo(100);
        assertThat(unequip.target).isEqualTo(-1);
        // class id 36 + 2, action, source, zigzag target, quantity
        assertThat(encode(new ItemAction(ItemAction.SPLIT, 3, 4, 5))).containsExactly(38, 2, 3, 8, 5);

        InventoryUpdate update = new InventoryUpdate(true, List.of(new InventoryUpdate.Entry(0, 9_000_000_001L, 1, 20),
                new InventoryUpdate.Entry(100, 7, 100, 1)), null);
        InventoryUpdate back = roundTrip(update);
        assertThat(back.full).isTrue();
        assertThat(back.entries).containsExactlyElementsOf(update.entries);
        assertThat(back.refused).isNull();
        assertThat(roundTrip(InventoryUpdate.refused("inventory_full")).refused).isEqualTo("inventory_full");

        byte[] unknown = encode(new ItemAction((byte) 9, 0, 0, 0));
        assertThatThrownBy(() -> decode(unknown)).isInstanceOf(ProtocolException.class).hasMessageContaining("item action");
        Output lying = new Output(16);
        lying.writeVarInt(Protocol.idOf(InventoryUpdate.class) + 2, true);
        lying.writeBoolean(true);
        lying.writeVarInt(60, true); // 60 entries announced, none there
        assertThatThrownBy(() -> decode(lying.toBytes())).isInstanceOf(ProtocolException.class).hasMessageContaining("entries");
    }

    @Test
    void tradeUpdatesRoundTripWithBothOffersAndFlags() {
        TradeUpdate update = new TradeUpdate();
        update.tradeId = 12;
        update.state = TradeUpdate.OPEN;
        update.partnerId = 900;
        update.partnerName = "Aria";
        update.mine.add(new InventoryUpdate.Entry(3, 5001, 10, 7));
        update.theirs.add(new InventoryUpdate.Entry(0, 5002, 100, 1));
        update.theirsLocked = true;
        update.mineConfirmed = true;

        TradeUpdate back = roundTrip(update);

        assertThat(back).usingRecursiveComparison().isEqualTo(update);
        assertThat(roundTrip(new TradeAction(TradeAction.REQUEST, 900)).target).isEqualTo(900);
        byte[] unknown = encode(new TradeAction((byte) 7, 0));
        assertThatThrownBy(() -> decode(unknown)).isInstanceOf(ProtocolException.class).hasMessageContaining("trade action");
    }

    @Test
    void moveInputRoundTripsAndRejectsNonFiniteDirections() {
        MoveInput back = roundTrip(new MoveInput(300, 0.6f, -0.8f));
        assertThat(back.seq).isEqualTo(300);
        assertThat(back.dirX).isEqualTo(0.6f);
        assertThat(back.dirY).isEqualTo(-0.8f);

        byte[] nan = encode(new MoveInput(1, Float.NaN, 0));
        assertThatThrownBy(() -> decode(nan)).isInstanceOf(ProtocolException.class).hasMessageContaining("dir_x");
    }

    @Test
    void welcomeRoundTripsEveryField() {
        Welcome welcome = new Welcome();
        welcome.entityId = 7;
        welcome.characterId = "42";
        welcome.name = "Aria";
        welcome.classId = 2;
        welcome.mapId = 1;
        welcome.channel = 1;
        welcome.channelCount = 2;
        welcome.tickRate = 20;
        welcome.x = 400.5f;
        welcome.y = 304.25f;
        welcome.viewRadius = 480;
        welcome.level = 3;
        welcome.exp = 1234;
        welcome.nextLevelExp = 2000;
        welcome.hp = 90;
        welcome.maxHp = 100;
        welcome.mp = 10;
        welcome.maxMp = 120;
        welcome.attack = 18;
        welcome.defense = 3;
        welcome.speed = 110;
        welcome.attackRange = 192;
        Welcome back = roundTrip(welcome);
        assertThat(back).usingRecursiveComparison().isEqualTo(welcome);
    }

    @Test
    void snapshotEncodesOnlyTheFlaggedFieldsRelativeToTheOriginAndPredictsItsOwnSize() {
        Snapshot snapshot = new Snapshot(1000, 55, Snapshot.quantize(400), Snapshot.quantize(300));
        snapshot.add(3, Snapshot.POSITION, Snapshot.quantize(400.25f), Snapshot.quantize(304f), 0, (byte) 0);
        snapshot.add(900, Snapshot.POSITION | Snapshot.HP | Snapshot.STATE, 10, 20, 75, (byte) 2);
        snapshot.add(4, Snapshot.HP, 0, 0, 0, (byte) 0);
        byte[] bytes = encode(snapshot);

        Snapshot back = (Snapshot) decode(bytes);
        assertThat(back.tick).isEqualTo(1000);
        assertThat(back.ackSeq).isEqualTo(55);
        assertThat(back.originX()).isEqualTo(400f);
        assertThat(back.originY()).isEqualTo(300f);
        assertThat(back.size()).isEqualTo(3);
        assertThat(back.x(0)).isEqualTo(400.25f);
        assertThat(back.y(0)).isEqualTo(304f);
        assertThat(back.has(0, Snapshot.HP)).isFalse();
        assertThat(back.x(1)).isEqualTo(2.5f);
        assertThat(back.hp(1)).isEqualTo(75);
        assertThat(back.state(1)).isEqualTo((byte) 2);
        assertThat(back.hp(2)).isZero();
        // near the origin a moving entity costs 4 bytes, at the edge of a 640 px view 7
        int entries = snapshot.entryBytes(3, Snapshot.POSITION, 1601, 1216, 0)
                + snapshot.entryBytes(900, 7, 10, 20, 75) + snapshot.entryBytes(4, Snapshot.HP, 0, 0, 0);
        assertThat(bytes.length).isLessThanOrEqualTo(Snapshot.HEADER_BYTES + entries);
        assertThat(snapshot.entryBytes(3, Snapshot.POSITION, 1601, 1216, 0)).isEqualTo(1 + 1 + 1 + 1);
        assertThat(snapshot.entryBytes(5000, Snapshot.POSITION, 1600 + 2900, 1200 - 2900, 0)).isEqualTo(2 + 1 + 2 + 2);
    }

    @Test
    void aSnapshotFilledUntilItRefusesStaysUnderTheDatagramBudget() {
        Snapshot snapshot = new Snapshot(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        int id = 100_000_000;
        while (snapshot.tryAdd(id++, 7, 0, 0, 5_000_000, (byte) 1)) {
            // fill
        }
        assertThat(snapshot.size()).isGreaterThan(50); // worst case: 5 + 1 + 5 + 5 + 4 + 1 bytes per entry
        assertThat(encode(snapshot).length).isLessThanOrEqualTo(Snapshot.MAX_BYTES);
    }

    @Test
    void entriesWrittenApartAndSetInBulkEncodeExactlyLikeAddedOnes() {
        Snapshot added = new Snapshot(77, 5, 1600, 1200);
        byte[] bytes = new byte[Snapshot.MAX_ENTRIES_BYTES];
        int length = 0;
        for (int i = 0; i < 40; i++) {
            int flags = 1 + i % 7;
            int x = 1600 + i * 97 - 2000;
            int y = 1200 - i * 151;
            added.add(1_000 + i, flags, x, y, i * 13, (byte) (i % 3));
            length = Snapshot.writeEntry(bytes, length, 1600, 1200, 1_000 + i, flags, x, y, i * 13, (byte) (i % 3));
        }
        Snapshot set = new Snapshot(77, 5, 1600, 1200);
        set.setEntries(40, bytes, length);
        bytes[0] = 0; // copied: the writer's buffer is reused at once

        assertThat(encode(set)).isEqualTo(encode(added));
        assertThat(set.size()).isEqualTo(40);
        assertThat(set.entriesBytes()).isEqualTo(length);
        assertThat(set.id(0)).isEqualTo(1_000); // decoded on demand
        assertThat(set.x(3)).isEqualTo(added.x(3));
        assertThat(set.hp(36)).isEqualTo(36 * 13); // flags 2: hp only
        assertThatThrownBy(() -> set.setEntries(1, bytes, bytes.length + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> set.setEntries(-1, bytes, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopiedOrReadSnapshotKeepsItsEntriesInBothForms() {
        Snapshot built = new Snapshot(9, 3, 400, 400);
        built.add(12, Snapshot.POSITION | Snapshot.HP, 420, 380, 50, (byte) 0);
        Snapshot copy = new Snapshot();
        copy.copyFrom(built);
        assertThat(copy.x(0)).isEqualTo(105f);
        assertThat(encode(copy)).isEqualTo(encode(built));

        Snapshot read = (Snapshot) decode(encode(built));
        Snapshot copyOfRead = new Snapshot();
        copyOfRead.copyFrom(read); // a decoded snapshot is re-encoded on demand
        assertThat(encode(copyOfRead)).isEqualTo(encode(built));
        assertThat(copyOfRead.hp(0)).isEqualTo(50);
    }

    @Test
    void hostileCountsAndStringsFailWithAProtocolError() {
        Output out = new Output(64);
        out.writeVarInt(Protocol.idOf(Snapshot.class) + 2, true);
        out.writeVarInt(1, true);
        out.writeVarInt(1, true);
        out.writeVarInt(1, true);
        out.writeVarInt(1, true);
        out.writeVarInt(1_000_000, true);
        assertThatThrownBy(() -> decode(out.toBytes())).isInstanceOf(ProtocolException.class);

        byte[] longTicket = encode(new Authenticate("x".repeat(Authenticate.MAX_TICKET_CHARS + 1)));
        assertThatThrownBy(() -> decode(longTicket)).isInstanceOf(ProtocolException.class);
    }

    @SuppressWarnings("unchecked")
    private <T extends WireMessage> T roundTrip(T message) {
        return (T) decode(encode(message));
    }

    private byte[] encode(Object message) {
        Output out = new Output(256, 512 * 1024);
        kryo.writeClassAndObject(out, message);
        return out.toBytes();
    }

    private Object decode(byte[] bytes) {
        return kryo.readClassAndObject(new Input(bytes));
    }
}
