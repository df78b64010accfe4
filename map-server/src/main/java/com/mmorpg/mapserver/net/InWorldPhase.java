package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.mapserver.net.InboundGuard.Verdict;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.World;

/**
 * In the world: each message is rate-limited ({@link InboundGuard}: movement at twice the tick
 * rate, other actions at 10 a second) and put on the world's queue; the tick thread does the rest.
 * Undecodable bytes and a second Authenticate cost a strike.
 */
final class InWorldPhase implements ConnectionPhase {

    private final World world;
    private final Bouncer bouncer;
    private final NetObserver observer;

    InWorldPhase(World world, Bouncer bouncer, NetObserver observer) {
        this.world = world;
        this.bouncer = bouncer;
        this.observer = observer;
    }

    @Override
    public Stage stage() {
        return Stage.IN_WORLD;
    }

    @Override
    public void message(ClientLink link, ClientMessage message, boolean tcp) {
        if (message instanceof Authenticate) {
            bouncer.strike(link, "unexpected_message", tcp);
            return;
        }
        long now = System.nanoTime();
        Verdict verdict = message instanceof MoveInput ? link.guard.move(now) : link.guard.action(now);
        if (bouncer.admitted(link, verdict, tcp) && !world.submit(new Command.Input(link, message))) {
            observer.inputDropped("queue_full");
        }
    }

    @Override
    public void undecodable(ClientLink link) {
        if (link.guard.strike() == Verdict.DISCONNECT) {
            bouncer.hostile(link, "decode_error");
        }
    }
}
