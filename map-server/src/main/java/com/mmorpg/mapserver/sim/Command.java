package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.ClientMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What other threads ask of the world; the tick thread applies commands at the start of a tick. */
public sealed interface Command {

    /** An authenticated player whose character is loaded (under lease {@code leaseId}) enters the world. */
    record Join(PlayerLink link, CharacterSheet sheet, long leaseId) implements Command {

        /** Without a lease (tests, benchmarks). */
        public Join(PlayerLink link, CharacterSheet sheet) {
            this(link, sheet, 0);
        }
    }

    /**
     * The character must leave now with {@code code} (its lease was asked for by a newer login, or
     * lost, or a write was refused): applied only while it is still in the world under
     * {@code leaseId}; {@code save} writes its last state and releases the lease.
     */
    record Kick(String characterId, long leaseId, String code, String message, boolean save) implements Command {
    }

    /** Support staff put the character back on the map's spawn point (applied only under {@code leaseId}). */
    record Unstuck(String characterId, long leaseId) implements Command {
    }

    /** The connection closed. */
    record Leave(PlayerLink link) implements Command {
    }

    /** A message from a player in the world (already size- and rate-checked). */
    record Input(PlayerLink link, ClientMessage message) implements Command {
    }

    /** The state that moves a player through a gate was saved ({@code saved}) or could not be. */
    record TransferSaved(String characterId, boolean saved) implements Command {
    }

    /** The save that took a dropped stack off its owner's books was stored ({@code stored}) or given up. */
    record DropStored(String characterId, long leaseId, ItemSystem.Drop drop, boolean stored) implements Command {
    }

    /** A trade's write of both characters was stored ({@code stored}) or refused for good. */
    record TradeStored(int tradeId, boolean stored) implements Command {
    }

    /**
     * Who is in which party (character id → party id, from the gateway's parties in Redis), for the players of this
     * server; a character missing is in none. Loot is reserved for its killer's party.
     */
    record Parties(Map<String, String> partyOf) implements Command {
    }

    /** Shutdown: remove every player, handing each state to the saves; completes with those states. */
    record RemoveAll(CompletableFuture<List<CharacterState>> done) implements Command {
    }
}
