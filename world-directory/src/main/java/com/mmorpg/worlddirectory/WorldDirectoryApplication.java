package com.mmorpg.worlddirectory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Map-server registry, allocation and online sessions, on Redis. Port {@code PORT} (3001). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorldDirectoryApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorldDirectoryApplication.class, args);
    }
}
