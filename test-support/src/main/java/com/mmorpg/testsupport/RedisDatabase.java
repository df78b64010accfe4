package com.mmorpg.testsupport;

/** A Redis logical database (its own index, flushed when handed out) owned by one test class. */
public record RedisDatabase(String host, int port, int index) {

    /** {@code redis://host:port/index}, the form of {@code REDIS_URL}. */
    public String url() {
        return "redis://" + host + ":" + port + "/" + index;
    }
}
