package com.mmorpg.mapserver;

/** The seed's command line: {@code start_server.sh <map_id> <port>}. */
record MapServerArguments(int mapId, int port) {

    static final String USAGE = "usage: start_server.sh <map_id> <port>   (map_id >= 1, port 1-65535; e.g. start_server.sh 1 4001)";

    static MapServerArguments parse(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected 2 arguments, got " + args.length);
        }
        int mapId = parseInt(args[0], "map_id");
        int port = parseInt(args[1], "port");
        if (mapId < 1) {
            throw new IllegalArgumentException("map_id must be 1 or more, got " + mapId);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        return new MapServerArguments(mapId, port);
    }

    private static int parseInt(String value, String name) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
