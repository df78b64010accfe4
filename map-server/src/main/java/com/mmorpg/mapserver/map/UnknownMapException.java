package com.mmorpg.mapserver.map;

/** No map file for the id the server was started with. */
public class UnknownMapException extends RuntimeException {

    public UnknownMapException(int mapId, String shipped) {
        super("no map " + mapId + " (no maps/" + mapId + ".json); shipped maps: " + shipped);
    }
}
