package com.mmorpg.gateway.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The players connected to this gateway, by connection and by user. */
@Component
class ConnectedPlayers {

    private final Set<PlayerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, PlayerConnection> byUser = new ConcurrentHashMap<>();

    ConnectedPlayers(MeterRegistry meters) {
        Gauge.builder("gateway.connections", connections, Set::size).description("open player connections").register(meters);
    }

    /** Adds the connection as its user's current one; returns the one it displaced, if any. */
    PlayerConnection add(PlayerConnection connection) {
        connections.add(connection);
        PlayerConnection previous = byUser.put(connection.userId(), connection);
        return previous == connection ? null : previous;
    }

    /** Removes it; true when it was its user's current connection. */
    boolean remove(PlayerConnection connection) {
        connections.remove(connection);
        return byUser.remove(connection.userId(), connection);
    }

    PlayerConnection currentOf(String userId) {
        return byUser.get(userId);
    }

    Collection<PlayerConnection> all() {
        return List.copyOf(connections);
    }

    int count() {
        return connections.size();
    }
}
