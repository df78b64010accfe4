package com.mmorpg.mapserver;

import com.mmorpg.mapserver.net.MapNetwork;
import com.mmorpg.mapserver.net.PortInUseException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of one map server process: {@code start_server.sh <map_id> <port>}.
 * Exit codes: 0 after a clean shutdown, 1 when the port is taken or start-up fails, 2 on bad arguments.
 */
public final class MapServerMain {

    private static final Logger log = LoggerFactory.getLogger(MapServerMain.class);

    private MapServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MapServerArguments arguments;
        try {
            arguments = MapServerArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(MapServerArguments.USAGE);
            System.exit(2);
            return;
        }

        MapNetwork network;
        try {
            network = MapNetwork.bind(arguments.port());
        } catch (PortInUseException e) {
            log.error("Cannot start map server for map {}: {}", arguments.mapId(), e.getMessage());
            System.exit(1);
            return;
        } catch (IOException e) {
            log.error("Cannot start map server for map {} on port {}: {}", arguments.mapId(), arguments.port(), e.toString());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Map server for map {} stopping", arguments.mapId());
            network.close();
            stopped.countDown();
        }, "map-server-shutdown"));
        log.info("Map server for map {} listening on TCP+UDP port {}", arguments.mapId(), network.port());
        stopped.await();
    }
}
