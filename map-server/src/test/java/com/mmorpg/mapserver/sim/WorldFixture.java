package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.ChangeChannel;
import com.mmorpg.protocol.MapLayoutRequest;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.Point;
import com.mmorpg.mapserver.interest.InterestScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Builds small worlds in memory and steps them: tests run ticks, not sockets. */
public final class WorldFixture {

    public static final int TILE = 32;
    public final List<CharacterState> saved = new ArrayList<>();
    public final World world;
    public final InterestScheduler views;
    public final EntityTable table;
    private int nextCharacter = 1;

    public WorldFixture(GameMap map, int channels, int capacity, float viewRadius, long seed) {
        this(map, WorldSettings.of(20, channels, capacity, viewRadius, seed));
    }

    public WorldFixture(GameMap map, WorldSettings settings) {
        this(map, settings, ItemCatalog.EMPTY, ItemIds.NONE);
    }

    /** A world with items; every save is recorded and answered by {@link #saveAnswers} (stored at once unless told). */
    public WorldFixture(GameMap map, WorldSettings settings, ItemCatalog items, ItemIds ids) {
        table = new EntityTable(InterestScheduler.SLOT_QUARANTINE_TICKS);
        views = new InterestScheduler(settings, table, TrafficCounter.NONE, InterestScheduler.daemonThreads());
        world = new World(map, settings, state -> {
            saved.add(state);
            return saveAnswers.apply(state);
        }, TrafficCounter.NONE, table, views, items, ids);
    }

    /** How the fixture's store answers a save; replace it to hold or fail saves. */
    public Function<CharacterState, CompletableFuture<Void>> saveAnswers = state -> CompletableFuture.completedFuture(null);

    public static WorldFixture open(int widthTiles, int heightTiles) {
        return new WorldFixture(GameMap.open(1, widthTiles, heightTiles, TILE), 2, 10, 320, 42);
    }

    /**
     * A map from rows of '.' and '#', spawn in the middle of tile (1, 1).
     */
    public static GameMap drawn(String... rows) {
        int height = rows.length;
        int width = rows[0].length();
        boolean[] blocked = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                blocked[y * width + x] = rows[y].charAt(x) == '#';
            }
        }
        return new GameMap(1, "drawn", TILE, width, height, blocked, new Point(TILE * 1.5f, TILE * 1.5f), List.of(), List.of());
    }

    public static CharacterSheet sheet(String characterId, float x, float y) {
        return new CharacterSheet(characterId, "user-" + characterId, "Hero" + characterId, 1, 1, x, y, 1, 0, 150, 150,
                30, 30, 14, 8, 120, 48, 0, new CharacterSheet.Growth(20, 3, 3, 2));
    }

    public RecordingLink join(float x, float y) {
        return join(sheet(Integer.toString(nextCharacter++), x, y));
    }

    public RecordingLink join(CharacterSheet sheet) {
        RecordingLink link = new RecordingLink();
        world.submit(new Command.Join(link, sheet));
        world.tick();
        return link;
    }

    public void move(RecordingLink link, int seq, float dx, float dy) {
        world.submit(new Command.Input(link, new MoveInput(seq, dx, dy)));
    }

    public void changeChannel(RecordingLink link, int channel) {
        world.submit(new Command.Input(link, new ChangeChannel(channel)));
    }

    public void requestLayout(RecordingLink link) {
        world.submit(new Command.Input(link, new MapLayoutRequest()));
    }

    public void leave(RecordingLink link) {
        world.submit(new Command.Leave(link));
    }

    public void ticks(int n) {
        for (int i = 0; i < n; i++) {
            world.tick();
        }
    }

    /** Holds a direction for {@code n} ticks, one input per tick as a client sends them. */
    public int walk(RecordingLink link, int firstSeq, float dx, float dy, int n) {
        int seq = firstSeq;
        for (int i = 0; i < n; i++) {
            move(link, seq++, dx, dy);
            world.tick();
        }
        return seq;
    }

    /** Moves an entity at once, as its system would (tests of what viewers see). */
    public void place(Entity entity, float x, float y) {
        entity.placeAt(x, y, world.currentTick());
    }

    public Player player(RecordingLink link) {
        for (int c = 1; c <= world.channelCount(); c++) {
            for (Entity entity : world.channel(c).entities) {
                if (entity instanceof Player player && player.link == link) {
                    return player;
                }
            }
        }
        throw new AssertionError("no player for " + link.id);
    }
}
