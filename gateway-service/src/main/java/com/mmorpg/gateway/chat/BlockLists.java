package com.mmorpg.gateway.chat;

import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code chat_block} and {@code chat_unblock}: a character's block list, by character id, kept in Redis
 * ({@link ChatStore}) and on its {@link Chatter}. Blocks hold on every channel; to those it blocks, a
 * character is never in the world.
 */
@Component
class BlockLists {

    private final ChatStore store;
    private final Frames frames;
    private final GatewayProperties.Chat limits;

    BlockLists(ChatStore store, Frames frames, GatewayProperties properties) {
        this.store = store;
        this.frames = frames;
        this.limits = properties.chat();
    }

    /**
     * Blocks are by character id (a name may be taken again by a new character once its owner deleted
     * it; an id never is), so blocking needs the character in the world to learn its id; the list
     * answered holds names.
     */
    void block(Chatter chatter, Frames.Incoming incoming, boolean block) throws GameError {
        String event = block ? "chat_block" : "chat_unblock";
        String typed = ChatText.name(incoming.string("name"), event);
        String name = ChatStore.lower(typed);
        if (block) {
            if (name.equals(ChatStore.lower(chatter.name()))) {
                throw new GameError("INVALID_MESSAGE", "You cannot block yourself");
            }
            ChatStore.Online target = store.online(name, chatter.characterId());
            if (target == null) {
                throw ChatFrames.offline(typed);
            }
            if (!chatter.blocked().containsKey(target.characterId()) && chatter.blocked().size() >= limits.maxBlocks()) {
                throw new GameError("BLOCK_LIST_FULL", "Your block list holds at most " + limits.maxBlocks() + " names");
            }
            store.block(chatter.characterId(), target.characterId(), name, limits.blockTtl());
            chatter.blocked().put(target.characterId(), name);
        } else {
            for (Map.Entry<String, String> blocked : List.copyOf(chatter.blocked().entrySet())) {
                if (blocked.getValue().equals(name)) {
                    store.unblock(chatter.characterId(), blocked.getKey(), limits.blockTtl());
                    chatter.blocked().remove(blocked.getKey());
                }
            }
        }
        chatter.send(frames.event(block ? "chat_blocked" : "chat_unblocked",
                Map.of("name", name, "blocked", List.copyOf(chatter.blocked().values()))));
    }

}
