package com.mmorpg.client.map;

import com.esotericsoftware.kryonet.Client;
import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.KryoSerialization;
import com.esotericsoftware.kryonet.Listener;
import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.ChangeChannel;
import com.mmorpg.protocol.ChannelChanged;
import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.Died;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.MapLayoutRequest;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.Progress;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.TradeAction;
import com.mmorpg.protocol.TradeUpdate;
import com.mmorpg.protocol.Welcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A player's connection to one map server over KryoNet: TCP for the ticket and events, UDP for
 * movement input and snapshots. {@link #connect} presents the ticket and returns once the server
 * answered {@code Welcome}. Keeps a view of every entity in sight ({@link #entities()}) and predicts
 * the player's own position ({@link #prediction()}), reconciled with each snapshot's {@code ack_seq}.
 *
 * <p>Why one class of this size: it is the SDK's one door to a map server; most of its lines are the
 * one-line calls a game makes (move, attack, each item and trade action), each sending one message.
 */
public final class MapClient implements AutoCloseable {

    /** An entity as the client currently knows it. */
    public record EntityView(int id, byte kind, int typeId, String name, int level, float x, float y, int hp, int maxHp,
            byte state) {

        EntityView with(float nx, float ny, int nhp, byte nstate) {
            return new EntityView(id, kind, typeId, name, level, nx, ny, nhp, maxHp, nstate);
        }
    }

    private final Client client;
    private final CountingSerialization serialization;
    private final Welcome welcome;
    private final Prediction prediction;
    private final Map<Integer, EntityView> entities;
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<Integer, InventoryUpdate.Entry> inventory = new ConcurrentHashMap<>();
    private volatile String lastItemRefusal;
    private volatile TradeUpdate trade;
    private volatile Rejected rejected;
    private volatile int channel;

    private MapClient(Client client, CountingSerialization serialization, Welcome welcome, Map<Integer, EntityView> entities,
            Prediction prediction) {
        this.client = client;
        this.serialization = serialization;
        this.welcome = welcome;
        this.entities = entities;
        this.prediction = prediction;
        this.channel = welcome.channel;
    }

    /**
     * Connects to a map server and authenticates with the gateway's ticket.
     *
     * @throws MapRejectedException with the server's code ({@code TICKET_REPLAYED}, {@code MAP_FULL}, ...),
     *                              or {@code UNREACHABLE} / {@code TIMEOUT}
     */
    public static MapClient connect(String host, int port, String ticket, Duration timeout, MapListener listener) {
        CountingSerialization serialization = new CountingSerialization();
        Client client = new Client(16 * 1024, 64 * 1024, serialization);
        CompletableFuture<Welcome> welcomed = new CompletableFuture<>();
        Map<Integer, EntityView> entities = new ConcurrentHashMap<>();
        MapClient[] self = new MapClient[1];
        client.addListener(new Listener() {
            @Override
            public void received(Connection connection, Object object) {
                if (object instanceof ServerMessage message) {
                    if (message instanceof Welcome welcome) {
                        self[0] = new MapClient(client, serialization, welcome, entities,
                                new Prediction(welcome.x, welcome.y, welcome.speed, welcome.tickRate));
                        welcomed.complete(welcome);
                    } else if (message instanceof Rejected rejected && !welcomed.isDone()) {
                        welcomed.completeExceptionally(new MapRejectedException(rejected.code, rejected.message));
                    } else if (self[0] != null) {
                        self[0].handle(message, listener);
                    }
                }
            }

            @Override
            public void disconnected(Connection connection) {
                welcomed.completeExceptionally(new MapRejectedException("DISCONNECTED", "the map server closed the connection"));
                listener.disconnected();
            }
        });
        client.start();
        try {
            client.connect((int) timeout.toMillis(), host, port, port);
            client.sendTCP(new Authenticate(ticket));
            welcomed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            client.sendTCP(new ItemAction(ItemAction.LIST, 0, 0, 0)); // this client speaks items: its inventory comes
            return self[0];
        } catch (IOException e) {
            client.stop();
            throw new MapRejectedException("UNREACHABLE", "cannot connect to " + host + ":" + port + ": " + e.getMessage());
        } catch (ExecutionException e) {
            client.stop();
            throw e.getCause() instanceof MapRejectedException rejected ? rejected
                    : new MapRejectedException("ERROR", String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            client.stop();
            throw new MapRejectedException("TIMEOUT", "no Welcome within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            client.stop();
            Thread.currentThread().interrupt();
            throw new MapRejectedException("INTERRUPTED", "interrupted while connecting");
        }
    }

    private void handle(ServerMessage message, MapListener listener) {
        switch (message) {
            case EntityEntered e -> {
                entities.put(e.id, new EntityView(e.id, e.kind, e.typeId, e.name, e.level, e.x, e.y, e.hp, e.maxHp, e.state));
                listener.entered(e);
            }
            case EntityLeft left -> {
                entities.remove(left.id);
                listener.left(left);
            }
            case Snapshot snapshot -> {
                prediction.reconcile(snapshot.ackSeq, snapshot.originX(), snapshot.originY());
                for (int i = 0; i < snapshot.size(); i++) {
                    int index = i;
                    entities.computeIfPresent(snapshot.id(i), (id, view) -> view.with(
                            snapshot.has(index, Snapshot.POSITION) ? snapshot.x(index) : view.x(),
                            snapshot.has(index, Snapshot.POSITION) ? snapshot.y(index) : view.y(),
                            snapshot.has(index, Snapshot.HP) ? snapshot.hp(index) : view.hp(),
                            snapshot.has(index, Snapshot.STATE) ? snapshot.state(index) : view.state()));
                }
                listener.snapshot(snapshot);
            }
            case CombatEvent event -> {
                entities.computeIfPresent(event.targetId, (id, view) -> view.with(view.x(), view.y(), event.targetHp, view.state()));
                listener.combat(event);
            }
            case Progress progress -> listener.progress(progress);
            case Died died -> listener.died(died);
            case MapTransfer transfer -> listener.transfer(transfer);
            case MapLayout layout -> listener.layout(layout);
            case ChannelChanged changed -> {
                channel = changed.channel;
                listener.channelChanged(changed);
            }
            case Rejected refusal -> {
                rejected = refusal;
                listener.rejected(refusal);
            }
            case Welcome ignored -> {
                // only the first one counts
            }
            case InventoryUpdate update -> {
                if (update.full) {
                    inventory.clear();
                }
                for (InventoryUpdate.Entry entry : update.entries) {
                    if (entry.quantity() == 0) {
                        inventory.remove(entry.slot());
                    } else {
                        inventory.put(entry.slot(), entry);
                    }
                }
                lastItemRefusal = update.refused;
                listener.inventory(update);
            }
            case TradeUpdate update -> {
                trade = update;
                listener.trade(update);
            }
        }
    }

    /** Walk in a direction (sent over UDP; call it every tick while steering, and once with 0, 0 to stop). */
    public void move(float dirX, float dirY) {
        int next = seq.incrementAndGet();
        prediction.applyInput(next, dirX, dirY);
        client.sendUDP(new MoveInput(next, dirX, dirY));
    }

    public void attack(int targetId) {
        client.sendTCP(new AttackRequest(targetId));
    }

    public void changeChannel(int number) {
        client.sendTCP(new ChangeChannel(number));
    }

    /** Picks up the item lying on the ground as entity {@code entityId} (within reach, and not reserved for another). */
    public void pickUp(int entityId) {
        item(ItemAction.PICK_UP, entityId, 0, 0);
    }

    /** Moves the stack in bag slot {@code from} to {@code to}: into an empty slot, onto a stack of its type, or swapping. */
    public void moveItem(int from, int to) {
        item(ItemAction.MOVE, from, to, 0);
    }

    /** Moves {@code quantity} of the stack in {@code from} to the empty bag slot {@code to}. */
    public void splitItem(int from, int to, int quantity) {
        item(ItemAction.SPLIT, from, to, quantity);
    }

    /** Drops the stack in {@code slot} at the player's feet (it lies down once the server has saved the drop). */
    public void dropItem(int slot) {
        item(ItemAction.DROP, slot, 0, 0);
    }

    public void destroyItem(int slot) {
        item(ItemAction.DESTROY, slot, 0, 0);
    }

    /** Uses one of the consumable in {@code slot} (a potion heals). */
    public void useItem(int slot) {
        item(ItemAction.USE, slot, 0, 0);
    }

    /** Wears the item in bag slot {@code slot}; what was worn there goes to that slot. */
    public void equip(int slot) {
        item(ItemAction.EQUIP, slot, 0, 0);
    }

    /** Takes off what is worn in {@code wornSlot} (100 + n) into bag slot {@code to}, or the first free one with -1. */
    public void unequip(int wornSlot, int to) {
        item(ItemAction.UNEQUIP, wornSlot, to, 0);
    }

    private void item(byte action, int source, int target, int quantity) {
        client.sendTCP(new ItemAction(action, source, target, quantity));
    }

    /** Asks the player {@code entityId} (near, in this channel) to trade. */
    public void requestTrade(int entityId) {
        client.sendTCP(new TradeAction(TradeAction.REQUEST, entityId));
    }

    /** Accepts the trade the player {@code entityId} asked for. */
    public void acceptTrade(int entityId) {
        client.sendTCP(new TradeAction(TradeAction.ACCEPT, entityId));
    }

    /** Puts up the whole stack in bag slot {@code slot}. */
    public void offer(int slot) {
        client.sendTCP(new TradeAction(TradeAction.OFFER, slot));
    }

    public void withdrawOffer(int slot) {
        client.sendTCP(new TradeAction(TradeAction.WITHDRAW, slot));
    }

    public void lockTrade() {
        client.sendTCP(new TradeAction(TradeAction.LOCK, 0));
    }

    public void confirmTrade() {
        client.sendTCP(new TradeAction(TradeAction.CONFIRM, 0));
    }

    public void cancelTrade() {
        client.sendTCP(new TradeAction(TradeAction.CANCEL, 0));
    }

    /** The trade as the server last told it, or null before any. */
    public TradeUpdate trade() {
        return trade;
    }

    /** The player's items by slot (0-29 the bag, 100+ worn), as the server last said. */
    public Map<Integer, InventoryUpdate.Entry> inventory() {
        return inventory;
    }

    /** Why the last item action changed nothing, or null when it did. */
    public String lastItemRefusal() {
        return lastItemRefusal;
    }

    /** Asks for the map's definition, to draw it; the answer comes once, as {@link MapListener#layout}. */
    public void requestLayout() {
        client.sendTCP(new MapLayoutRequest());
    }

    public Welcome welcome() {
        return welcome;
    }

    public int entityId() {
        return welcome.entityId;
    }

    public int channel() {
        return channel;
    }

    public Prediction prediction() {
        return prediction;
    }

    /** Everything in sight, by entity id (not the player itself). */
    public Map<Integer, EntityView> entities() {
        return entities;
    }

    /** Why the server closed the connection, or null. */
    public Rejected rejected() {
        return rejected;
    }

    /** Bytes of messages received so far (payload, without TCP/UDP/IP headers). */
    public long bytesReceived() {
        return serialization.bytesIn.sum();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        client.stop();
    }

    /**
     * KryoNet's serialization over the protocol's guarded Kryo (registered ids only, lengths checked
     * before anything is allocated: a hostile server cannot exhaust the client either), counting
     * what arrives.
     */
    private static final class CountingSerialization extends KryoSerialization {

        final LongAdder bytesIn = new LongAdder();

        CountingSerialization() {
            super(Protocol.newKryo());
        }

        @Override
        public synchronized Object read(Connection connection, ByteBuffer buffer) {
            int start = buffer.position();
            Object object = super.read(connection, buffer);
            bytesIn.add(buffer.position() - start);
            return object;
        }
    }
}
