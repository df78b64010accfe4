package com.mmorpg.mapserver.sim;

import com.mmorpg.content.GameMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * When players' progress is written: every player in the world once per save interval, staggered so
 * that a tick visits only its own few (a player is saved on the ticks where {@code tick + id * 7919}
 * is a multiple of the interval), and only when it changed; besides, on demand (leaving, gates, staff
 * moves). Tick thread only.
 */
final class SaveSchedule {

    private final GameMap map;
    private final CharacterSaves saves;
    private final int everyTicks;
    /** Players by the tick (modulo {@link #everyTicks}) of their periodic save. */
    private final List<List<Player>> rounds;

    SaveSchedule(GameMap map, WorldSettings settings, CharacterSaves saves) {
        this.map = map;
        this.saves = saves;
        this.everyTicks = settings.saveEverySeconds() * settings.tickRate();
        this.rounds = new ArrayList<>(everyTicks);
        for (int i = 0; i < everyTicks; i++) {
            rounds.add(new ArrayList<>(4));
        }
    }

    void add(Player player) {
        roundOf(player).add(player);
    }

    void remove(Player player) {
        roundOf(player).remove(player);
    }

    /** This tick's round: the players whose progress changed since their last save. */
    void step(int tick) {
        for (Player player : rounds.get(tick % everyTicks)) {
            if (player.transfer == null && !player.state(map.id()).sameProgress(player.lastSaved)) {
                save(player, false);
            }
        }
    }

    /** Hands the player's state to the saves; {@code release} ends its stay (the lease goes with the write). */
    CompletableFuture<Void> save(Player player, boolean release) {
        CharacterState state = player.handOver(map.id());
        player.lastSaved = state;
        return saves.save(release ? state.released() : state);
    }

    /** The state a trade writes (with the other trader's, together): handed over, but not to the single saves. */
    CharacterState handOverForTrade(Player player) {
        CharacterState state = player.handOver(map.id());
        player.lastSaved = state;
        return state;
    }

    /** Both traders' states, stored in one transaction. */
    CompletableFuture<Void> saveTogether(CharacterState first, CharacterState second) {
        return saves.saveTogether(first, second);
    }

    /** The last state of a player leaving with everyone else (a shutdown), released; written unless a gate's write carries it. */
    CharacterState saveReleased(Player player) {
        CharacterState state = player.handOver(map.id()).released();
        if (player.transfer == null) {
            saves.save(state);
        }
        return state;
    }

    /** Gives up the lease of a player who never entered (it left before its join was applied, or found the map full). */
    void release(String characterId, long leaseId) {
        saves.release(characterId, leaseId);
    }

    private List<Player> roundOf(Player player) {
        return rounds.get((int) Math.floorMod(-player.id * 7919L, (long) everyTicks));
    }
}
