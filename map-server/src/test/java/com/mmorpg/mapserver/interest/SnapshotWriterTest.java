package com.mmorpg.mapserver.interest;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.content.GameMap;
import com.mmorpg.mapserver.sim.Mob;
import com.mmorpg.mapserver.sim.WorldFixture;
import com.mmorpg.mapserver.sim.WorldSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotWriterTest {

    private final Kryo kryo = new Kryo();

    SnapshotWriterTest() {
        Protocol.register(kryo);
    }

    @Test
    void bulkEntriesFromTheTableEncodeExactlyLikeSingleOnesSkippingUnchangedAndEnteredAndStopBeforeTheBudget() {
        WorldFixture fixture = new WorldFixture(GameMap.open(1, 200, 200, 32), WorldSettings.of(20, 1, 10, 640, 1));
        int count = 400;
        List<Mob> mobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mob mob = fixture.world.spawnMob(1, 1, "Slime", 40 + (i % 50) * 97, 40 + (i % 30) * 151, 60, 1 + i * 13);
            mobs.add(mob);
        }
        int slots = fixture.table.capacity();
        byte[] flags = new byte[slots];
        int[] visible = new int[count];
        boolean[] skip = new boolean[count];
        for (int i = 0; i < count; i++) {
            int slot = mobs.get(i).slot();
            flags[slot] = (byte) (i % 8);
            visible[count - 1 - i] = slot;
            skip[count - 1 - i] = i % 11 == 0;
        }
        int originQx = Snapshot.quantize(2400);
        int originQy = Snapshot.quantize(2000);

        SnapshotWriter bulk = new SnapshotWriter(fixture.table);
        List<byte[]> bulkDatagrams = new ArrayList<>();
        bulk.start(77, 5, originQx, originQy);
        for (int k = bulk.addAll(visible, skip, 0, count, flags); k < count; k = bulk.addAll(visible, skip, k, count, flags)) {
            bulkDatagrams.add(encode(bulk.finish(new Snapshot())));
        }
        bulkDatagrams.add(encode(bulk.finish(new Snapshot())));
        SnapshotWriter single = new SnapshotWriter(fixture.table);
        List<byte[]> singleDatagrams = new ArrayList<>();
        single.start(77, 5, originQx, originQy);
        for (int k = 0; k < count; k++) {
            int slot = visible[k];
            if (flags[slot] != 0 && !skip[k] && !single.tryAdd(slot, flags[slot])) {
                singleDatagrams.add(encode(single.finish(new Snapshot())));
                assertThat(single.tryAdd(slot, flags[slot])).as("an empty snapshot takes any entry").isTrue();
            }
        }
        singleDatagrams.add(encode(single.finish(new Snapshot())));

        assertThat(bulkDatagrams.size()).isGreaterThan(1);
        assertThat(bulkDatagrams).allSatisfy(bytes -> assertThat(bytes.length).isLessThanOrEqualTo(Snapshot.MAX_BYTES));
        assertThat(singleDatagrams).allSatisfy(bytes -> assertThat(bytes.length).isLessThanOrEqualTo(Snapshot.MAX_BYTES));
        List<String> bulkEntries = entries(bulkDatagrams);
        long expected = java.util.stream.IntStream.range(0, count).filter(k -> flags[visible[k]] != 0 && !skip[k]).count();
        assertThat(bulkEntries).hasSize((int) expected);
        // the bulk path only stops earlier (a worst-case entry might not fit): same entries, same order
        assertThat(bulkEntries).isEqualTo(entries(singleDatagrams));
        for (byte[] bytes : bulkDatagrams) {
            Snapshot back = (Snapshot) kryo.readClassAndObject(new Input(bytes));
            assertThat(back.tick).isEqualTo(77);
            assertThat(back.ackSeq).isEqualTo(5);
            for (int i = 0; i < back.size(); i++) {
                Mob mob = mobs.get(mobs.indexOf(fixture.world.entity(back.id(i))));
                assertThat(back.flags(i)).isEqualTo(flags[mob.slot()]);
                if (back.has(i, Snapshot.POSITION)) {
                    assertThat(back.x(i)).isEqualTo(mob.qx() / Snapshot.UNITS_PER_PIXEL);
                    assertThat(back.y(i)).isEqualTo(mob.qy() / Snapshot.UNITS_PER_PIXEL);
                }
                if (back.has(i, Snapshot.HP)) {
                    assertThat(back.hp(i)).isEqualTo(mob.hp());
                }
                if (back.has(i, Snapshot.STATE)) {
                    assertThat(back.state(i)).isEqualTo(mob.state());
                }
            }
        }
        fixture.views.close();
    }

    private byte[] encode(Snapshot snapshot) {
        Output out = new Output(2048);
        kryo.writeClassAndObject(out, snapshot);
        return out.toBytes();
    }

    /** Every entry of the datagrams, decoded, in order, as text (id, flags, x, y, hp, state). */
    private List<String> entries(List<byte[]> datagrams) {
        List<String> all = new ArrayList<>();
        for (byte[] bytes : datagrams) {
            Snapshot back = (Snapshot) kryo.readClassAndObject(new Input(bytes));
            for (int i = 0; i < back.size(); i++) {
                all.add(back.id(i) + "," + back.flags(i) + "," + back.x(i) + "," + back.y(i) + "," + back.hp(i) + "," + back.state(i));
            }
        }
        return all;
    }
}
