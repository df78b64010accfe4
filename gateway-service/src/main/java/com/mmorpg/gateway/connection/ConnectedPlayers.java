package com.mmorpg.gateway.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The players connected to this gateway, by connection and by user. */
@Component
class ConnectedPlayers {

    private final Map<String, PlayerConnection> byConnection = new ConcurrentHashMap<>();
    private final Map<String, PlayerConnection> byUser = new ConcurrentHashMap<>();

    ConnectedPlayers(MeterRegistry meters) {
        Gauge.builder("gateway.connections", byConnection, Map::size).description("open player connections").register(meters);
    }

    /** Adds the connection as its user's current one; returns the one it displaced, if any. */
    PlayerConnection add(PlayerConnection connection) {
        byConnection.put(connection.id(), connection);
        PlayerConnection previous = byUser.put(connection.userId(), connection);
        return previous == connection ? null : previous;
    }

    PlayerConnection get(String connectionId) {
        return byConnection.get(connectionId);
    }

    /** Removes it; true when it was its user's current connection. */
    boolean remove(PlayerConnection connection) {
        byConnection.remove(connection.id());
        return byUser.remove(connection.userId(), connection);
    }

    PlayerConnection currentOf(String userId) {
        return byUser.get(userId);
    }

    Collection<PlayerConnection> all() {
        return List.copyOf(byConnection.values());
    }

    int count() {
        return byConnection.size();
    }
}
