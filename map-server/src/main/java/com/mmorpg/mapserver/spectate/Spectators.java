package com.mmorpg.mapserver.spectate;

import com.mmorpg.content.GameMap;
import com.mmorpg.mapserver.sim.Channel;
import com.mmorpg.mapserver.sim.Entity;
import com.mmorpg.mapserver.sim.Player;
import com.mmorpg.mapserver.sim.World;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What spectators (the operations console's live map) see of the world: per channel, where every
 * entity is, what it is and how it fares. The tick thread copies it into an immutable {@link Frame}
 * every {@link #EVERY_TICKS} ticks, and only while somebody asked within {@link #WATCH_NANOS}; then
 * spectators read the latest frame from any thread, and turning it into JSON happens on theirs. With
 * nobody watching, a tick pays one clock read.
 */
public final class Spectators {

    /** 20 Hz / 3: about 6.7 frames a second. */
    static final int EVERY_TICKS = 3;
    static final long WATCH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GameMap map;
    private final int channels;
    private final String mapJson;
    private volatile long lastAskedNanos = System.nanoTime() - 2 * WATCH_NANOS;
    private volatile Frame[] frames = new Frame[0];

    public Spectators(GameMap map, int channels) {
        this.map = map;
        this.channels = channels;
        this.mapJson = mapJson(map);
    }

    /** On the tick thread, after each tick. */
    public void afterTick(World world) {
        if (System.nanoTime() - lastAskedNanos > WATCH_NANOS || world.currentTick() % EVERY_TICKS != 0) {
            return;
        }
        Frame[] next = new Frame[world.channelCount()];
        for (int number = 1; number <= next.length; number++) {
            next[number - 1] = Frame.of(world.channel(number), world.currentTick());
        }
        frames = next;
    }

    /**
     * The latest frame of channel {@code number}, as JSON (any thread); null for a channel that does
     * not exist. Asking starts the frames (the first answers may be empty for a few ticks).
     */
    public String frameJson(int number) {
        lastAskedNanos = System.nanoTime();
        Frame[] current = frames;
        if (number < 1 || number > channels) {
            return null;
        }
        return number > current.length ? Frame.empty(number).json() : current[number - 1].json();
    }

    /**
     * Where a character in the world is, as JSON {@code {character_id, entity_id, channel, x, y, tick}}
     * (any thread); null when no frame has it (not here, or no frame yet: asking starts them).
     */
    public String whereIs(String characterId) {
        lastAskedNanos = System.nanoTime();
        for (Frame frame : frames) {
            for (int i = 0; i < frame.count(); i++) {
                if (characterId.equals(frame.characterIds()[i])) {
                    return "{\"character_id\":\"" + escape(characterId) + "\",\"entity_id\":" + frame.ids()[i]
                            + ",\"channel\":" + frame.channel() + ",\"x\":" + Math.round(frame.xs()[i] * 10) / 10f
                            + ",\"y\":" + Math.round(frame.ys()[i] * 10) / 10f + ",\"tick\":" + frame.tick() + "}";
                }
            }
        }
        return null;
    }

    /** The map itself: id, name, tile size, size in tiles and its rows ({@code #} blocked, {@code .} free). */
    public String mapJson() {
        return mapJson;
    }

    public GameMap map() {
        return map;
    }

    private static String mapJson(GameMap map) {
        StringBuilder json = new StringBuilder(map.widthTiles() * map.heightTiles() + 256);
        json.append("{\"id\":").append(map.id()).append(",\"name\":\"").append(escape(map.name()))
                .append("\",\"tile_size\":").append(map.tileSize()).append(",\"width\":").append(map.widthTiles())
                .append(",\"height\":").append(map.heightTiles()).append(",\"rows\":[");
        for (int y = 0; y < map.heightTiles(); y++) {
            json.append(y == 0 ? "\"" : ",\"");
            for (int x = 0; x < map.widthTiles(); x++) {
                json.append(map.isBlockedTile(x, y) ? '#' : '.');
            }
            json.append('"');
        }
        return json.append("]}").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** One channel at one tick, copied out of the world (immutable once built). */
    record Frame(int channel, int tick, int count, int[] ids, byte[] kinds, int[] types, String[] names, float[] xs,
            float[] ys, int[] hp, int[] maxHp, byte[] states, String[] characterIds) {

        static Frame of(Channel channel, int tick) {
            List<Entity> entities = channel.entities();
            int n = entities.size();
            Frame frame = new Frame(channel.number(), tick, n, new int[n], new byte[n], new int[n], new String[n],
                    new float[n], new float[n], new int[n], new int[n], new byte[n], new String[n]);
            for (int i = 0; i < n; i++) {
                Entity e = entities.get(i);
                frame.ids[i] = e.id();
                frame.kinds[i] = e.kind();
                frame.types[i] = e.typeId();
                frame.names[i] = e.name();
                frame.xs[i] = e.x();
                frame.ys[i] = e.y();
                frame.hp[i] = e.hp();
                frame.maxHp[i] = e.maxHp();
                frame.states[i] = e.state();
                frame.characterIds[i] = e instanceof Player player ? player.characterId() : null;
            }
            return frame;
        }

        static Frame empty(int channel) {
            return new Frame(channel, 0, 0, new int[0], new byte[0], new int[0], new String[0], new float[0], new float[0],
                    new int[0], new int[0], new byte[0], new String[0]);
        }

        /** {@code {channel, tick, entities: [[id, kind, type, name, x, y, hp, max_hp, state], ...]}}: compact rows. */
        String json() {
            StringBuilder json = new StringBuilder(64 + count * 48);
            json.append("{\"channel\":").append(channel).append(",\"tick\":").append(tick).append(",\"entities\":[");
            for (int i = 0; i < count; i++) {
                json.append(i == 0 ? "[" : ",[").append(ids[i]).append(',').append(kinds[i]).append(',').append(types[i])
                        .append(",\"").append(escape(names[i])).append("\",").append(Math.round(xs[i] * 10) / 10f)
                        .append(',').append(Math.round(ys[i] * 10) / 10f).append(',').append(hp[i]).append(',')
                        .append(maxHp[i]).append(',').append(states[i]).append(']');
            }
            return json.append("]}").toString();
        }
    }
}
