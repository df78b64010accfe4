package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.ClientMessage;

/** The TCP connection closed: what is still decoded from it is ignored, counted nowhere among the stages. */
final class ClosedPhase implements ConnectionPhase {

    private final Bouncer bouncer;

    ClosedPhase(Bouncer bouncer) {
        this.bouncer = bouncer;
    }

    @Override
    public Stage stage() {
        return Stage.GONE;
    }

    @Override
    public void message(ClientLink link, ClientMessage message, boolean tcp) {
    }

    @Override
    public void undecodable(ClientLink link) {
        bouncer.hostile(link, "decode_error");
    }
}
