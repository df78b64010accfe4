package com.mmorpg.gateway.chat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The characters in the world on this gateway, indexed the ways chat delivers: all of them
 * ({@code world}), by map ({@code map}), by party ({@code party}) and by character (whispers and
 * party notices). Changed by the connection's own thread (enter, join_map, close) and by the
 * delivery thread (party changes); read by the delivery thread.
 */
@Component
class ChatRoster {

    private final Map<String, Chatter> byCharacter = new ConcurrentHashMap<>();
    private final Map<Integer, Set<Chatter>> byMap = new ConcurrentHashMap<>();
    private final Map<String, Set<Chatter>> byParty = new ConcurrentHashMap<>();

    ChatRoster(MeterRegistry meters) {
        Gauge.builder("gateway.chat.players", byCharacter, Map::size).description("characters in the world on this gateway")
                .register(meters);
    }

    /** Adds it; returns the entry of the same character it displaced (an older connection), if any. */
    Chatter add(Chatter chatter) {
        Chatter older = byCharacter.put(chatter.characterId(), chatter);
        if (older != null) {
            unindex(older);
        }
        join(byMap, chatter.mapId(), chatter);
        String party = chatter.partyId();
        if (party != null) {
            join(byParty, party, chatter);
        }
        return older;
    }

    /** Removes it if it is still its character's entry; true when it was. */
    boolean remove(Chatter chatter) {
        if (!byCharacter.remove(chatter.characterId(), chatter)) {
            return false;
        }
        unindex(chatter);
        return true;
    }

    boolean isCurrent(Chatter chatter) {
        return byCharacter.get(chatter.characterId()) == chatter;
    }

    void moveTo(Chatter chatter, int mapId) {
        int from = chatter.mapId();
        chatter.mapId(mapId);
        if (isCurrent(chatter) && from != mapId) {
            leave(byMap, from, chatter);
            join(byMap, mapId, chatter);
        }
    }

    /** The chatter's party is now {@code partyId} (null: none). */
    void joinParty(Chatter chatter, String partyId) {
        String from = chatter.partyId();
        chatter.partyId(partyId);
        if (from != null && !from.equals(partyId)) {
            leave(byParty, from, chatter);
        }
        if (partyId != null && isCurrent(chatter)) {
            join(byParty, partyId, chatter);
        }
    }

    Chatter byCharacter(String characterId) {
        return byCharacter.get(characterId);
    }

    Collection<Chatter> all() {
        return byCharacter.values();
    }

    Collection<Chatter> onMap(int mapId) {
        return byMap.getOrDefault(mapId, Set.of());
    }

    Collection<Chatter> inParty(String partyId) {
        return byParty.getOrDefault(partyId, Set.of());
    }

    int size() {
        return byCharacter.size();
    }

    private void unindex(Chatter chatter) {
        leave(byMap, chatter.mapId(), chatter);
        String party = chatter.partyId();
        if (party != null) {
            leave(byParty, party, chatter);
        }
    }

    private static <K> void join(Map<K, Set<Chatter>> index, K key, Chatter chatter) {
        index.compute(key, (k, set) -> {
            Set<Chatter> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(chatter);
            return members;
        });
    }

    private static <K> void leave(Map<K, Set<Chatter>> index, K key, Chatter chatter) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(chatter);
            return set.isEmpty() ? null : set;
        });
    }
}
