package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Items;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.mapserver.sim.CharacterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A character state in auth-service's words ({@link CharacterStates}), and the version its answer stored. */
final class StateUpdates {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);

    private StateUpdates() {
    }

    /** A state as auth-service takes it, written over stored version {@code version}. */
    static CharacterStates.Update update(CharacterState state, long version) {
        return new CharacterStates.Update(state.mapId(),
                new CharacterRecord.Position(state.x(), state.y()), Math.max(0, state.hp()), Math.max(0, state.mp()),
                state.level(), state.exp(), version, state.leaseId(), state.release(),
                state.items() == null ? null : state.items().stream()
                        .map(item -> new Items.Stored(item.id(), item.typeId(), item.quantity(), item.slot())).toList(),
                state.items() == null && state.events().isEmpty() ? null : state.events().stream()
                        .map(event -> new Items.Event(event.seq(), event.itemId(), event.typeId(), event.quantity(), event.from(),
                                event.to(), event.reason())).toList());
    }

    /** The version auth-service stored; one more than the one written if its answer does not say. */
    static long savedVersion(InternalClient.Reply reply, long written) {
        try {
            return reply.as(CharacterStates.Saved.class).version();
        } catch (ServiceUnavailableException e) {
            log.warn("A save's answer carried no version ({}); assuming {}", e.getMessage(), written + 1);
            return written + 1;
        }
    }
}
