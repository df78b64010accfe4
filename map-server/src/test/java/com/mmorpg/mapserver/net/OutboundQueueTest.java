package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.protocol.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private final OutboundQueue outbound = new OutboundQueue("test-send", OutboundQueue.Observer.NONE);

    /** Records what reaches it, on the sender thread. */
    private static final class RecordingSink implements OutboundQueue.Sink {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(ServerMessage message, boolean reliable) {
            if (message instanceof Snapshot snapshot) {
                snapshots.add(snapshot);
                delivered.add("snapshot " + snapshot.tick + " " + snapshot.id(0));
            } else if (message instanceof EntityLeft left) {
                delivered.add("left " + left.id);
            } else if (message instanceof Rejected rejected) {
                delivered.add("rejected " + rejected.code);
            }
        }

        @Override
        public void disconnect() {
            delivered.add("disconnect");
        }
    }

    @AfterEach
    void close() {
        outbound.close();
    }

    @Test
    void aTicksMessagesLeaveTogetherWhenTheTickIsDoneInOrderAndSnapshotsAsCopies() throws Exception {
        RecordingSink sink = new RecordingSink();
        Snapshot reused = new Snapshot();
        outbound.startBatch();
        for (int tick = 1; tick <= 3; tick++) {
            reused.reset(tick, 0, 100, 100);
            reused.add(40 + tick, Snapshot.POSITION, 104, 96, 0, (byte) 0);
            outbound.send(sink, reused, false);
            outbound.send(sink, new EntityLeft(tick), true);
        }
        outbound.close(sink, new Rejected("MAP_FULL", "full"));
        assertThat(outbound.depth()).as("nothing is handed over before the tick ends").isZero();
        assertThat(sink.delivered).isEmpty();

        outbound.wake();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.delivered.size() == 8);
        assertThat(sink.delivered).containsExactly("snapshot 1 41", "left 1", "snapshot 2 42", "left 2", "snapshot 3 43",
                "left 3", "rejected MAP_FULL", "disconnect");
        assertThat(sink.snapshots).doesNotContain(reused).doesNotHaveDuplicates();
        assertThat(outbound.drain(1_000)).isTrue();
        assertThat(outbound.depth()).isZero();
    }

    @Test
    void otherThreadsSendAtOnceAndTheTicksSnapshotsAreReusedOnceSent() throws Exception {
        RecordingSink sink = new RecordingSink();
        Thread network = Thread.ofPlatform().start(() -> outbound.close(sink, new Rejected("FLOODING", "slow down")));
        network.join();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.delivered.size() == 2);
        assertThat(sink.delivered).containsExactly("rejected FLOODING", "disconnect");

        Snapshot reused = new Snapshot(1, 0, 0, 0);
        reused.add(7, Snapshot.HP, 0, 0, 10, (byte) 0);
        outbound.startBatch();
        outbound.send(sink, reused, false);
        outbound.wake();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.snapshots.size() == 1);
        assertThat(outbound.drain(1_000)).isTrue();
        Snapshot first = sink.snapshots.getFirst();

        outbound.startBatch();
        outbound.send(sink, reused, false);
        outbound.wake();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.snapshots.size() == 2);
        assertThat(sink.snapshots.get(1)).isSameAs(first); // came back to the pool after the first tick
    }
}
