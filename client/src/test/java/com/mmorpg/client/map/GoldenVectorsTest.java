package com.mmorpg.client.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.KryoSerialization;
import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.ChangeChannel;
import com.mmorpg.protocol.ChannelChanged;
import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.Died;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.MapLayoutRequest;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.Progress;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.TradeAction;
import com.mmorpg.protocol.TradeUpdate;
import com.mmorpg.protocol.Welcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The map server's wire bytes, frozen: every message is encoded by the same KryoNet serialization
 * the SDK and the server use, and compared with {@code godot/test/vectors/messages.json}, which the
 * Godot addon's codec is tested against in a real engine. Either side drifting fails a test.
 * After a deliberate protocol change: {@code -Dvectors.write=true} rewrites the file (the Godot 3
 * variant's own copy, {@code godot3/test/vectors}, stays as it is: it holds the messages it knows).
 */
class GoldenVectorsTest {

    static final Path VECTORS = Path.of("..", "godot", "test", "vectors", "messages.json");
    static final Path GODOT3_VECTORS = Path.of("..", "godot3", "test", "vectors", "messages.json");
    private static final String TICKET = "eyJhbGciOiJIUzI1NiJ9." + "x".repeat(180) + ".sig-_0123456789";

    private static List<Object> entries(Snapshot snapshot) {
        List<Object> entries = new ArrayList<>(List.of(snapshot.tick, snapshot.ackSeq, snapshot.originQx, snapshot.originQy));
        for (int i = 0; i < snapshot.size(); i++) {
            entries.add(List.of(snapshot.id(i), snapshot.flags(i), snapshot.x(i), snapshot.y(i), snapshot.hp(i),
                    snapshot.state(i)));
        }
        return entries;
    }

    private record Vector(String message, Object object, Map<String, Object> fields) {
    }

    @Test
    void everyMessageEncodesToTheCheckedInBytes() throws Exception {
        KryoSerialization serialization = new KryoSerialization();
        Protocol.register(serialization.getKryo());
        List<Map<String, Object>> encoded = new ArrayList<>();
        for (Vector vector : vectors()) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            serialization.write(null, buffer, vector.object());
            buffer.flip();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("message", vector.message());
            entry.put("hex", HexFormat.of().formatHex(bytes));
            entry.put("fields", vector.fields());
            encoded.add(entry);

            // and the bytes decode back to an equal message
            Object decoded = serialization.read(null, ByteBuffer.wrap(bytes));
            if (decoded instanceof Snapshot snapshot) { // holds its entries as bytes or as fields: compare what it says
                assertThat(entries(snapshot)).as(vector.message()).isEqualTo(entries((Snapshot) vector.object()));
            } else {
                assertThat(decoded).as(vector.message()).usingRecursiveComparison().isEqualTo(vector.object());
            }
        }
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(Map.of("vectors", encoded)) + "\n";
        if (Boolean.getBoolean("vectors.write")) {
            Files.writeString(VECTORS, json, StandardCharsets.UTF_8);
        }
        assertThat(VECTORS).as("golden vectors checked in (regenerate with -Dvectors.write=true)").exists();
        assertThat(Files.readString(VECTORS, StandardCharsets.UTF_8)).as("the wire bytes changed").isEqualTo(json);
    }

    /**
     * The Godot 3 variant ({@code godot3/}) is tested against the vectors of the protocol it knows. The
     * protocol only ever grows, so each of them must still be one of today's, byte for byte: old
     * clients keep working against today's servers.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theGodot3VariantsVectorsAreStillValidToday() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<Object> today = (List<Object>) json.readValue(VECTORS.toFile(), Map.class).get("vectors");
        List<Object> godot3 = (List<Object>) json.readValue(GODOT3_VECTORS.toFile(), Map.class).get("vectors");

        assertThat(godot3).hasSizeGreaterThanOrEqualTo(19);
        assertThat(today).containsAll(godot3);
    }

    private static List<Vector> vectors() {
        List<Vector> vectors = new ArrayList<>();
        FrameworkMessage.RegisterTCP registerTcp = new FrameworkMessage.RegisterTCP();
        registerTcp.connectionID = 300;
        vectors.add(new Vector("RegisterTCP", registerTcp, fields("connection_id", 300)));
        FrameworkMessage.RegisterUDP registerUdp = new FrameworkMessage.RegisterUDP();
        registerUdp.connectionID = 300;
        vectors.add(new Vector("RegisterUDP", registerUdp, fields("connection_id", 300)));
        vectors.add(new Vector("KeepAlive", new FrameworkMessage.KeepAlive(), fields()));

        vectors.add(new Vector("Authenticate", new Authenticate("abc"), fields("ticket", "abc")));
        vectors.add(new Vector("Authenticate", new Authenticate(TICKET), fields("ticket", TICKET)));
        vectors.add(new Vector("Authenticate", new Authenticate("a"), fields("ticket", "a")));
        MoveInput move = new MoveInput();
        move.seq = 1234;
        move.dirX = 0.6f;
        move.dirY = -0.8f;
        vectors.add(new Vector("MoveInput", move, fields("seq", 1234, "dir_x", 0.6f, "dir_y", -0.8f)));
        AttackRequest attack = new AttackRequest();
        attack.targetId = 70_000;
        vectors.add(new Vector("AttackRequest", attack, fields("target_id", 70_000)));
        ChangeChannel change = new ChangeChannel();
        change.channel = 2;
        vectors.add(new Vector("ChangeChannel", change, fields("channel", 2)));

        Welcome welcome = new Welcome();
        welcome.entityId = 17;
        welcome.characterId = "42";
        welcome.name = "Ünsal";
        welcome.classId = 1;
        welcome.mapId = 1;
        welcome.channel = 2;
        welcome.channelCount = 2;
        welcome.tickRate = 20;
        welcome.x = 400.5f;
        welcome.y = 304.25f;
        welcome.viewRadius = 640f;
        welcome.level = 3;
        welcome.exp = 450;
        welcome.nextLevelExp = 900;
        welcome.hp = 130;
        welcome.maxHp = 140;
        welcome.mp = 20;
        welcome.maxMp = 30;
        welcome.attack = 18;
        welcome.defense = 9;
        welcome.speed = 120f;
        welcome.attackRange = 48f;
        vectors.add(new Vector("Welcome", welcome, fields("entity_id", 17, "character_id", "42", "name", "Ünsal",
                "class_id", 1, "map_id", 1, "channel", 2, "channel_count", 2, "tick_rate", 20, "x", 400.5f, "y", 304.25f,
                "view_radius", 640f, "level", 3, "exp", 450L, "next_level_exp", 900L, "hp", 130, "max_hp", 140, "mp", 20,
                "max_mp", 30, "attack", 18, "defense", 9, "speed", 120f, "attack_range", 48f)));
        vectors.add(new Vector("Rejected", new Rejected("TICKET_EXPIRED", "The ticket has expired"),
                fields("code", "TICKET_EXPIRED", "message", "The ticket has expired")));

        Snapshot snapshot = new Snapshot(5000, 1234, 1602, 1217);
        snapshot.add(17, Snapshot.POSITION | Snapshot.HP | Snapshot.STATE, 1602 + 40, 1217 - 3, 55, (byte) 1);
        snapshot.add(300, Snapshot.HP, 0, 0, 0, (byte) 0);
        snapshot.add(9, Snapshot.STATE, 0, 0, 0, (byte) 2);
        vectors.add(new Vector("Snapshot", snapshot, fields("tick", 5000, "ack_seq", 1234, "origin_qx", 1602,
                "origin_qy", 1217, "entries", List.of(
                        fields("id", 17, "flags", 7, "dqx", 40, "dqy", -3, "hp", 55, "state", 1),
                        fields("id", 300, "flags", 2, "hp", 0),
                        fields("id", 9, "flags", 4, "state", 2)))));

        EntityEntered entered = new EntityEntered();
        entered.id = 300;
        entered.kind = EntityEntered.KIND_MOB;
        entered.typeId = 2;
        entered.name = "Wolf";
        entered.level = 4;
        entered.x = 512f;
        entered.y = 96.75f;
        entered.hp = 60;
        entered.maxHp = 80;
        entered.state = 3;
        vectors.add(new Vector("EntityEntered", entered, fields("id", 300, "kind", 1, "type_id", 2, "name", "Wolf",
                "level", 4, "x", 512f, "y", 96.75f, "hp", 60, "max_hp", 80, "state", 3)));
        vectors.add(new Vector("EntityLeft", new EntityLeft(300), fields("id", 300)));
        ChannelChanged changed = new ChannelChanged();
        changed.channel = 2;
        changed.accepted = true;
        vectors.add(new Vector("ChannelChanged", changed, fields("channel", 2, "accepted", true)));
        CombatEvent combat = new CombatEvent();
        combat.attackerId = 17;
        combat.targetId = 300;
        combat.damage = 14;
        combat.targetHp = 0;
        combat.killed = true;
        vectors.add(new Vector("CombatEvent", combat, fields("attacker_id", 17, "target_id", 300, "damage", 14,
                "target_hp", 0, "killed", true)));
        Progress progress = new Progress();
        progress.level = 4;
        progress.exp = 912;
        progress.nextLevelExp = 1600;
        progress.maxHp = 160;
        progress.maxMp = 35;
        progress.attack = 21;
        progress.defense = 10;
        vectors.add(new Vector("Progress", progress, fields("level", 4, "exp", 912L, "next_level_exp", 1600L,
                "max_hp", 160, "max_mp", 35, "attack", 21, "defense", 10)));
        Died died = new Died();
        died.killerId = 300;
        died.respawnTicks = 100;
        died.respawnX = 400f;
        died.respawnY = 304f;
        vectors.add(new Vector("Died", died, fields("killer_id", 300, "respawn_ticks", 100, "respawn_x", 400f,
                "respawn_y", 304f)));
        MapTransfer transfer = new MapTransfer();
        transfer.mapId = 2;
        transfer.x = 112f;
        transfer.y = 208f;
        vectors.add(new Vector("MapTransfer", transfer, fields("map_id", 2, "x", 112f, "y", 208f)));
        vectors.add(new Vector("MapLayoutRequest", new MapLayoutRequest(), fields()));
        String ascii = "{\"id\":2,\"name\":\"Darkwood Forest\",\"tile_size\":32,\"tiles\":[\"" + "#".repeat(150) + "\",\""
                + ".".repeat(150) + "\"]}";
        vectors.add(new Vector("MapLayout", new MapLayout(2, ascii), fields("map_id", 2, "definition", ascii)));
        String utf8 = "{\"id\":300,\"name\":\"Wäldchen ☂\"}";
        vectors.add(new Vector("MapLayout", new MapLayout(300, utf8), fields("map_id", 300, "definition", utf8)));

        vectors.add(new Vector("ItemAction", new ItemAction(ItemAction.UNEQUIP, 100, -1, 0),
                fields("action", 7, "source", 100, "target", -1, "quantity", 0)));
        vectors.add(new Vector("ItemAction", new ItemAction(ItemAction.SPLIT, 3, 12, 250),
                fields("action", 2, "source", 3, "target", 12, "quantity", 250)));
        vectors.add(new Vector("InventoryUpdate", new InventoryUpdate(true, List.of(new InventoryUpdate.Entry(0, 9_000_000_123L, 1, 20),
                new InventoryUpdate.Entry(100, 5001, 100, 1)), null), fields("full", true, "entries", List.of(
                        fields("slot", 0, "item_id", 9_000_000_123L, "type_id", 1, "quantity", 20),
                        fields("slot", 100, "item_id", 5001L, "type_id", 100, "quantity", 1)), "refused", null)));
        vectors.add(new Vector("InventoryUpdate", InventoryUpdate.refused("inventory_full"),
                fields("full", false, "entries", List.of(), "refused", "inventory_full")));
        vectors.add(new Vector("TradeAction", new TradeAction(TradeAction.REQUEST, 70_000), fields("action", 0, "target", 70_000)));
        TradeUpdate trade = new TradeUpdate();
        trade.tradeId = 12;
        trade.state = TradeUpdate.OPEN;
        trade.partnerId = 300;
        trade.partnerName = "Ünsal";
        trade.mine.add(new InventoryUpdate.Entry(3, 5002, 10, 7));
        trade.theirs.add(new InventoryUpdate.Entry(0, 5003, 100, 1));
        trade.mineLocked = true;
        trade.theirsConfirmed = true;
        vectors.add(new Vector("TradeUpdate", trade, fields("trade_id", 12, "state", 2, "partner_id", 300, "partner_name", "Ünsal",
                "mine", List.of(fields("slot", 3, "item_id", 5002L, "type_id", 10, "quantity", 7)),
                "theirs", List.of(fields("slot", 0, "item_id", 5003L, "type_id", 100, "quantity", 1)),
                "flags", 9, "reason", null)));
        return vectors;
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
