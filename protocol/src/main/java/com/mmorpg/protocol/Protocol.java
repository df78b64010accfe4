package com.mmorpg.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.util.List;
import java.util.function.Supplier;

/**
 * The map server's wire protocol in one place: the ordered list of messages and their Kryo class
 * ids, shared by the server and every client. Ids are fixed ({@link #FIRST_ID} + position in
 * {@link #MESSAGES}); a test freezes the list, so new messages are only ever appended.
 *
 * <p>KryoNet frames each TCP message with a 4-byte big-endian length; a UDP datagram carries one
 * message. A message is Kryo's class id written as varint (id + 2), then the message's own fields
 * as {@link WireMessage#write} lays them out.
 */
public final class Protocol {

    /** Kryo takes ids 0-9 for primitives and String, KryoNet 10-14 for its framework messages. */
    public static final int FIRST_ID = 20;

    /** Client→server messages are never larger than this (the server's read buffer per frame). */
    public static final int MAX_CLIENT_MESSAGE_BYTES = 8 * 1024;

    public static final List<Registration<?>> MESSAGES = List.of(
            new Registration<>(Authenticate.class, Authenticate::new),
            new Registration<>(Welcome.class, Welcome::new),
            new Registration<>(Rejected.class, Rejected::new),
            new Registration<>(MoveInput.class, MoveInput::new),
            new Registration<>(Snapshot.class, Snapshot::new),
            new Registration<>(EntityEntered.class, EntityEntered::new),
            new Registration<>(EntityLeft.class, EntityLeft::new),
            new Registration<>(ChangeChannel.class, ChangeChannel::new),
            new Registration<>(ChannelChanged.class, ChannelChanged::new),
            new Registration<>(AttackRequest.class, AttackRequest::new),
            new Registration<>(CombatEvent.class, CombatEvent::new),
            new Registration<>(Progress.class, Progress::new),
            new Registration<>(Died.class, Died::new),
            new Registration<>(MapTransfer.class, MapTransfer::new),
            new Registration<>(MapLayoutRequest.class, MapLayoutRequest::new),
            new Registration<>(MapLayout.class, MapLayout::new),
            new Registration<>(ItemAction.class, ItemAction::new),
            new Registration<>(InventoryUpdate.class, InventoryUpdate::new),
            new Registration<>(TradeAction.class, TradeAction::new),
            new Registration<>(TradeUpdate.class, TradeUpdate::new));

    private Protocol() {
    }

    /**
     * A Kryo for a KryoNet endpoint (hand it to {@code new KryoSerialization(kryo)}): the protocol
     * registered, and a class resolver that refuses what registration alone does not. Kryo 2.24
     * resolves a class written by name (id 1) before it checks registration, reading the name with
     * an unbounded length; an unregistered id fails only after that. Here both fail at once.
     */
    public static Kryo newKryo() {
        Kryo kryo = new Kryo(new RegisteredOnly(), new MapReferenceResolver());
        register(kryo);
        return kryo;
    }

    /** Registers every message of the protocol, with its fixed id, on a KryoNet endpoint's Kryo. */
    public static void register(Kryo kryo) {
        kryo.setReferences(false);
        kryo.setRegistrationRequired(true);
        for (int i = 0; i < MESSAGES.size(); i++) {
            register(kryo, MESSAGES.get(i), FIRST_ID + i);
        }
    }

    /** The Kryo class id of a message type. */
    public static int idOf(Class<? extends WireMessage> type) {
        for (int i = 0; i < MESSAGES.size(); i++) {
            if (MESSAGES.get(i).type() == type) {
                return FIRST_ID + i;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not part of the protocol");
    }

    private static <T extends WireMessage> void register(Kryo kryo, Registration<T> registration, int id) {
        kryo.register(registration.type(), new MessageSerializer<>(registration.factory()), id);
    }

    /** A message class and how to make an empty one to read into. */
    public record Registration<T extends WireMessage>(Class<T> type, Supplier<T> factory) {
    }

    /** Resolves registered class ids only: no class names, no unknown ids. */
    private static final class RegisteredOnly extends DefaultClassResolver {

        @Override
        public com.esotericsoftware.kryo.Registration readClass(Input input) {
            int id = input.readVarInt(true);
            if (id == Kryo.NULL) {
                return null;
            }
            com.esotericsoftware.kryo.Registration registration = id == 1 ? null : getRegistration(id - 2);
            if (registration == null) {
                throw new ProtocolException(id == 1 ? "class ids by name are refused" : "unregistered class id " + (id - 2));
            }
            return registration;
        }
    }

    private static final class MessageSerializer<T extends WireMessage> extends Serializer<T> {

        private final Supplier<T> factory;

        MessageSerializer(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public void write(Kryo kryo, Output output, T message) {
            message.write(output);
        }

        @Override
        public T read(Kryo kryo, Input input, Class<T> type) {
            T message = factory.get();
            message.read(input);
            return message;
        }
    }
}
