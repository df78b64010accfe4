package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.Gate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaving through a gate: a player standing in one is frozen and saved onto the target map; once
 * auth-service stored that ({@link Command.TransferSaved}, from the save's thread through the world's
 * inbox), it is told {@code MapTransfer} and leaves; if the write failed, it stays, on the spawn point.
 * Tick thread only.
 */
final class GateJourneys {

    private static final Logger log = LoggerFactory.getLogger(GateJourneys.class);

    private final GameMap map;
    private final Roster roster;
    private final SaveSchedule saves;
    private final Predicate<Command> submit;

    /** @param submit the world's inbox, where a finished save comes back as {@link Command.TransferSaved} */
    GateJourneys(GameMap map, Roster roster, SaveSchedule saves, Predicate<Command> submit) {
        this.map = map;
        this.roster = roster;
        this.saves = saves;
        this.submit = submit;
    }

    /** A player standing in a gate is frozen and saved onto the target map; it leaves once that is stored. */
    void enter(Channel channel) {
        if (map.gates().isEmpty()) {
            return;
        }
        for (Entity entity : channel.entities) {
            if (entity instanceof Player player && player.isAlive() && player.transfer == null) {
                Gate gate = map.gateAt(player.x, player.y);
                if (gate != null) {
                    player.transfer = new Player.TransferTarget(gate.targetMap(), gate.target().x(), gate.target().y());
                    player.dirX = 0;
                    player.dirY = 0;
                    String characterId = player.characterId;
                    log.info("Player entered gate character={} entity={} gate=\"{}\" from_map={} to_map={}", characterId,
                            player.id, gate.name(), map.id(), gate.targetMap());
                    saves.save(player, true).whenComplete((ok, error) ->
                            submit.test(new Command.TransferSaved(characterId, error == null)));
                }
            }
        }
    }

    void saved(Command.TransferSaved saved, int tick) {
        Player player = roster.byCharacter(saved.characterId());
        if (player == null || player.transfer == null) {
            return; // left meanwhile: its leave saved the same target
        }
        Player.TransferTarget target = player.transfer;
        if (!saved.saved()) {
            log.warn("Gate transfer not saved, player stays character={} to_map={}", player.characterId, target.mapId());
            player.transfer = null;
            player.placeAt(map.spawn().x(), map.spawn().y(), tick);
            return;
        }
        roster.takeOut(player, tick);
        player.link.sendReliable(new MapTransfer(target.mapId(), target.x(), target.y()));
        player.link.close(new Rejected("MAP_TRANSFER", "Continue on map " + target.mapId() + ": send join_map to the gateway"));
        log.info("Player moved to another map character={} entity={} to_map={} at ({}, {})", player.characterId,
                player.id, target.mapId(), Math.round(target.x()), Math.round(target.y()));
    }
}
