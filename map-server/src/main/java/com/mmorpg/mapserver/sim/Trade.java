package com.mmorpg.mapserver.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A trade between two players: who asked (side 0) and who was asked (side 1), what each offers (whole stacks,
 * by bag slot, with the item id and quantity they had when offered), and how far they got. Tick thread only.
 */
final class Trade {

    enum Stage { ASKED, OPEN, COMMITTING }

    /** A stack put up: its slot, and the item and quantity it held then (checked again at the commit). */
    record Offer(int slot, long itemId, int typeId, int quantity) {
    }

    final int id;
    final Player[] players;
    /** The connections the trade was made on: a new connection of either (a second login) ends it. */
    final PlayerLink[] links;
    final List<List<Offer>> offers = List.of(new ArrayList<>(), new ArrayList<>());
    final boolean[] locked = new boolean[2];
    final boolean[] confirmed = new boolean[2];
    final int askedAtTick;
    Stage stage = Stage.ASKED;

    Trade(int id, Player asking, Player asked, int tick) {
        this.id = id;
        this.players = new Player[] {asking, asked};
        this.links = new PlayerLink[] {asking.link, asked.link};
        this.askedAtTick = tick;
    }

    int sideOf(Player player) {
        return players[0] == player ? 0 : 1;
    }

    Player other(Player player) {
        return players[1 - sideOf(player)];
    }

    boolean offers(int side, int slot) {
        for (Offer offer : offers.get(side)) {
            if (offer.slot() == slot) {
                return true;
            }
        }
        return false;
    }

    /** An offer changed: both must lock and confirm again. */
    void unlock() {
        locked[0] = false;
        locked[1] = false;
        confirmed[0] = false;
        confirmed[1] = false;
    }
}
