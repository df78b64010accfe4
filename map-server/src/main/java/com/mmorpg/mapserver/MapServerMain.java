package com.mmorpg.mapserver;

import ch.qos.logback.classic.LoggerContext;
import com.mmorpg.common.config.SecretFiles;
import com.mmorpg.content.InvalidContentException;
import com.mmorpg.content.UnknownMapException;
import com.mmorpg.content.WorldContent;
import com.mmorpg.mapserver.net.PortInUseException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of one map server process: {@code start_server.sh <map_id> <port>}.
 * Exit codes: 0 after a clean shutdown, 1 when the port is taken or start-up fails, 2 on bad
 * arguments, configuration or an unknown map.
 */
public final class MapServerMain {

    private static final Logger log = LoggerFactory.getLogger(MapServerMain.class);

    private MapServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty samples 1 in 128 buffers with a stack trace per sample: 2 % of the network thread
            // under load. Tests run with detection on; -Dio.netty.leakDetection.level=simple turns it back on.
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        String logFormat = System.getenv().getOrDefault("LOG_FORMAT", "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            System.err.println("error: LOG_FORMAT must be text or json, not " + logFormat);
            System.exit(2);
            return;
        }
        MapServerConfig config;
        WorldContent content;
        try {
            MapServerArguments arguments = MapServerArguments.parse(args);
            config = MapServerConfig.from(arguments.mapId(), arguments.port(), SecretFiles.resolve(System.getenv()));
            content = WorldContent.load(config.contentDir());
            content.map(arguments.mapId());
        } catch (UnknownMapException | InvalidContentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(MapServerArguments.USAGE);
            System.exit(2);
            return;
        }

        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            // in every JSON line's context (LOG_FORMAT=json): which server and map wrote it
            logging.putProperty("server_id", config.serverId());
            logging.putProperty("map_id", String.valueOf(config.mapId()));
        }
        MapServer server;
        try {
            server = MapServer.start(config, content);
        } catch (PortInUseException e) {
            log.error("Cannot start map server for map {}: {}", config.mapId(), e.getMessage());
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            log.error("Cannot start map server for map {} on port {}: {}", config.mapId(), config.port(), e.toString());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "map-server-shutdown"));
        stopped.await();
    }
}
