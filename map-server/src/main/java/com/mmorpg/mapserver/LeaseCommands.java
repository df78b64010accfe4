package com.mmorpg.mapserver;

import com.mmorpg.common.internal.Leases;
import com.mmorpg.mapserver.character.LeaseKeeper;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.World;

/**
 * What the {@link LeaseKeeper} learns from auth-service, turned into commands on the world's queue:
 * a newer login elsewhere, a staff removal, an unstuck, a lost lease. Runs on the lease keeper's
 * thread; the world applies the commands at its next tick.
 */
final class LeaseCommands implements LeaseKeeper.Holder {

    private final World world;

    LeaseCommands(World world) {
        this.world = world;
    }

    @Override
    public void handOver(String characterId, long leaseId) {
        world.submit(new Command.Kick(characterId, leaseId, "SESSION_REPLACED",
                "This character entered the world from another connection", true));
    }

    @Override
    public void removed(String characterId, long leaseId, String code) {
        world.submit(new Command.Kick(characterId, leaseId, code, removalMessage(code), true));
    }

    @Override
    public void unstuck(String characterId, long leaseId) {
        world.submit(new Command.Unstuck(characterId, leaseId));
    }

    @Override
    public void lost(String characterId, long leaseId) {
        world.submit(new Command.Kick(characterId, leaseId, "LEASE_LOST",
                "This map server no longer holds the character; enter the world again", false));
    }

    /** What the player reads when auth-service asks for their removal with {@code code} ({@link Leases.Removal}). */
    static String removalMessage(String code) {
        return switch (code) {
            case Leases.Removal.BANNED -> "This account is banned";
            case Leases.Removal.SESSION_REVOKED -> "Your login session ended; log in again";
            default -> "Removed from the world by support staff";
        };
    }
}
