package com.mmorpg.mapserver.sim;

import java.util.List;

/**
 * What the world knows of replication: the port through which each player is told what it sees
 * (the {@code interest} package implements it, as the network implements {@link PlayerLink}). Called
 * by the tick thread only.
 */
public interface PlayerViews {

    /** A tick starts (whoever shares the last step may get ready while the others run). */
    void tickStarting();

    /**
     * The tick's last step: each player in {@code channels} learns what entered and left its view and
     * gets its snapshot of tick {@code tick}. The world does not change while this runs.
     */
    void publish(List<Channel> channels, int tick);

    /** The player's client is told that everything it sees has left (a channel change); its view empties. */
    void forget(Player player);

    /** The player's client has seen nothing yet (a new player, or a new connection taking it over). */
    void reset(Player player);

    /** Whether {@code viewer}'s client knows {@code entity} (as of the viewer's last rescan). */
    boolean sees(Player viewer, Entity entity);
}
