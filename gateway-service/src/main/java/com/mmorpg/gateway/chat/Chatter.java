package com.mmorpg.gateway.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One character in the world on this gateway, as chat sees it: who it is, which map it is on, its
 * party, whether it is muted and whom it blocks. Created when {@code enter_world} succeeds
 * ({@link Chat#entered}); its socket is the {@link Link}. How fast it may talk is its account's
 * ({@code AccountPaces}), not this entry's.
 */
public final class Chatter {

    /** The player's socket: sends never block (a client that stops reading is dropped by the socket). */
    public interface Link {

        /** Sends at once. */
        void send(String frame);

        /** Adds a frame to what goes out at the next {@link #flush} (many lines, one write). */
        void queue(byte[] utf8Frame);

        void flush();
    }

    /** {@link #mutedUntil} of a mute without an end. */
    static final long FOREVER = com.mmorpg.common.session.ChatMute.FOREVER;

    private final Link link;
    private final String userId;
    private final String characterId;
    private final String name;
    /** Identifies this entry in the world among every gateway's: {@code <gateway>/<sequence>}. */
    private final String presence;
    /** Character id → name (lower case) of the characters it blocks. */
    private final Map<String, String> blocked = new ConcurrentHashMap<>();
    private volatile int mapId;
    private volatile String partyId;
    private volatile long mutedUntil;
    /** False until its party, mute and blocks were read from Redis (retried on its next chat request). */
    private volatile boolean loaded;
    /** Frames queued by the delivery thread since its last flush (that thread's own flag). */
    private boolean queued;

    Chatter(Link link, String userId, String characterId, String name, int mapId, String presence) {
        this.link = link;
        this.userId = userId;
        this.characterId = characterId;
        this.name = name;
        this.mapId = mapId;
        this.presence = presence;
    }

    public String characterId() {
        return characterId;
    }

    public String name() {
        return name;
    }

    String userId() {
        return userId;
    }

    String presence() {
        return presence;
    }

    int mapId() {
        return mapId;
    }

    void mapId(int map) {
        this.mapId = map;
    }

    String partyId() {
        return partyId;
    }

    void partyId(String party) {
        this.partyId = party;
    }

    boolean mutedAt(long nowMillis) {
        return nowMillis < mutedUntil;
    }

    long mutedUntil() {
        return mutedUntil;
    }

    void mutedUntil(long untilMillis) {
        this.mutedUntil = untilMillis;
    }

    /**
     * The characters (id → name in lower case) whose whispers, map, world and party lines and party
     * invitations this player never gets, and to whose whispers and invitations it seems offline.
     */
    Map<String, String> blocked() {
        return blocked;
    }

    boolean blocks(String senderCharacterId) {
        return !blocked.isEmpty() && blocked.containsKey(senderCharacterId);
    }

    boolean loaded() {
        return loaded;
    }

    void loaded(boolean done) {
        this.loaded = done;
    }

    /** Queues a frame; true when it is the first since the last flush (the caller flushes it later). */
    boolean queue(byte[] utf8Frame) {
        link.queue(utf8Frame);
        boolean first = !queued;
        queued = true;
        return first;
    }

    void flush() {
        queued = false;
        link.flush();
    }

    void send(String frame) {
        link.send(frame);
    }
}
