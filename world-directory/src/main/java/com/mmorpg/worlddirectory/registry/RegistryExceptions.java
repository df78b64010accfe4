package com.mmorpg.worlddirectory.registry;

import com.mmorpg.service.error.ApiException;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

final class RegistryExceptions {

    private RegistryExceptions() {
    }

    /** Unknown or expired server id: the map server re-registers on this. */
    static final class ServerNotRegisteredException extends ApiException {
        ServerNotRegisteredException(String id) {
            super(HttpStatus.NOT_FOUND, "SERVER_NOT_REGISTERED", "Map server " + id + " is not registered");
        }
    }

    /** No server runs the map, and the world has no such map: a client or deployment asking for something that is not there. */
    static final class UnknownMapException extends ApiException {
        UnknownMapException(int mapId, Set<Integer> maps) {
            super(HttpStatus.NOT_FOUND, "UNKNOWN_MAP", "The world has no map " + mapId + " (its maps: " + maps + ")");
        }
    }

    static final class MapNotFoundException extends ApiException {
        MapNotFoundException(int mapId) {
            super(HttpStatus.NOT_FOUND, "MAP_NOT_FOUND", "No map server is available for map " + mapId);
        }
    }

    /** The map's servers run another world than the caller's (auth-service's content version): nobody is sent there. */
    static final class ContentMismatchException extends ApiException {
        ContentMismatchException(int mapId, String expected, Map<String, String> servers) {
            super(HttpStatus.CONFLICT, "CONTENT_MISMATCH", "Map " + mapId + " is served only by map servers running other content than "
                    + expected + " (auth-service's): " + servers + "; start them on the same CONTENT_DIR");
        }
    }

    static final class MapFullException extends ApiException {
        MapFullException(int mapId) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "MAP_FULL", "Every map server of map " + mapId + " is full");
            header("Retry-After", "5");
        }
    }
}
