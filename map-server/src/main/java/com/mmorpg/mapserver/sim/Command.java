package com.mmorpg.mapserver.sim;

import com.mmorpg.common.protocol.ClientMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What other threads ask of the world; the tick thread applies commands at the start of a tick. */
public sealed interface Command {

    /** An authenticated player whose character is loaded enters the world. */
    record Join(PlayerLink link, CharacterSheet sheet) implements Command {
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

    /** Shutdown: remove every player, handing each state to the saves; completes with those states. */
    record RemoveAll(CompletableFuture<List<CharacterState>> done) implements Command {
    }
}
