package com.mmorpg.auth.item;

import com.mmorpg.auth.item.ItemWrites.LedgerEvent;
import com.mmorpg.auth.item.ItemWrites.StoredItem;
import com.mmorpg.common.internal.Items;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.ItemType;
import com.mmorpg.content.WorldContent;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The item books: the {@code items} table and its ledger. A write is accepted only when the items it
 * sends are exactly what the stored items become under its new ledger events (each applied once, by
 * seq), every slot and stack fits the content ({@link ItemWriteRules}, which reads no table), and no item
 * it creates belongs to someone else. Called
 * inside the state write's transaction, with the character's row locked: items, ledger, item seq and
 * the character's state commit together or not at all.
 */
@Component
public class ItemBooks {

    private static final Logger log = LoggerFactory.getLogger(ItemBooks.class);

    private final JdbcClient jdbc;
    private final ItemCatalog catalog;
    private final ItemWriteRules rules;

    ItemBooks(JdbcClient jdbc, WorldContent content) {
        this.jdbc = jdbc;
        this.catalog = content.items();
        this.rules = new ItemWriteRules(catalog);
    }

    /** A character's items and the last event applied to them (what a map server loads with the lease). */
    public Items.Held held(long characterId) {
        long seq = jdbc.sql("SELECT item_seq FROM characters WHERE id = ?").param(characterId).query(Long.class).optional().orElse(0L);
        return new Items.Held(seq, stored(characterId));
    }

    /** A block of fresh ids: one value of {@code item_ids} (which counts in thousands) is a thousand ids. */
    public Items.Block block() {
        long first = jdbc.sql("SELECT nextval('item_ids')").query(Long.class).single();
        return new Items.Block(first, 1000);
    }

    /**
     * Writes the items a map server sent with a state ({@code serverId} holds the lease; {@code storedSeq} is
     * {@code characters.item_seq}, read under the row lock). Nothing to do when {@code items} is null (they did
     * not change). Throws {@link ItemsRefusedException} when the write does not add up.
     */
    public void write(long characterId, String serverId, long storedSeq, List<StoredItem> items, List<LedgerEvent> events) {
        Plan plan = plan(characterId, storedSeq, items, events, null);
        if (plan != null) {
            store(serverId, List.of(plan));
        }
    }

    /**
     * A trade's write: both characters' items, each checked as in {@link #write} but allowed to take items from
     * and give them to the other ({@code trade} events), which must agree: what one gives is what the other gets.
     * Stored together (both in the caller's transaction; both rows locked).
     */
    public void writeTrade(Side first, Side second) {
        Plan one = plan(first.characterId(), first.storedSeq(), first.items(), first.events(), second.characterId());
        Plan two = plan(second.characterId(), second.storedSeq(), second.items(), second.events(), first.characterId());
        if (one == null || two == null) {
            throw ItemWriteRules.refused(first.characterId(), "a trade's write must carry both characters' items");
        }
        String a = String.valueOf(first.characterId());
        String b = String.valueOf(second.characterId());
        List<String> given = ItemWriteRules.moves(one.fresh(), a, b);
        List<String> taken = ItemWriteRules.moves(two.fresh(), a, b);
        if (!given.equals(taken)) {
            throw ItemWriteRules.refused(first.characterId(), "the two sides of trade do not agree: " + given + " against " + taken);
        }
        List<String> back = ItemWriteRules.moves(two.fresh(), b, a);
        List<String> got = ItemWriteRules.moves(one.fresh(), b, a);
        if (!back.equals(got)) {
            throw ItemWriteRules.refused(second.characterId(), "the two sides of trade do not agree: " + back + " against " + got);
        }
        store(first.serverId(), List.of(one, two));
    }

    /** One side of a trade's write. */
    public record Side(long characterId, String serverId, long storedSeq, List<StoredItem> items, List<LedgerEvent> events) {
    }

    /** What a write changes: the items it leaves, the events not applied before, whether anything differs. */
    private record Plan(long characterId, List<StoredItem> items, List<LedgerEvent> fresh, boolean unchanged) {
    }

    /** Checks a write; null when it carries no items (they did not change). */
    private Plan plan(long characterId, long storedSeq, List<StoredItem> items, List<LedgerEvent> events, Long counterparty) {
        if (items == null) {
            if (events != null && !events.isEmpty()) {
                throw ItemWriteRules.refused(characterId, "item events without the items they lead to");
            }
            return null;
        }
        List<Items.Stored> current = stored(characterId);
        List<LedgerEvent> fresh = rules.follow(characterId, storedSeq, current, items, events == null ? List.of() : events,
                counterparty);
        return new Plan(characterId, items, fresh, fresh.isEmpty() && ItemWriteRules.same(current, items));
    }

    /**
     * Stores the plans: first every item that left each character, then every item each has now (so an item
     * moving between the two never has two owners, not even inside the transaction), then the ledger: each event
     * once (a trade's move is written by the side that gives).
     */
    private void store(String serverId, List<Plan> plans) {
        for (Plan plan : plans) {
            if (!plan.unchanged()) {
                Long[] ids = plan.items().stream().map(StoredItem::id).toArray(Long[]::new);
                jdbc.sql("DELETE FROM items WHERE character_id = ? AND NOT (id = ANY(?))").params(plan.characterId(), ids).update();
            }
        }
        for (Plan plan : plans) {
            if (!plan.unchanged()) {
                upsert(plan.characterId(), plan.items());
            }
        }
        for (Plan plan : plans) {
            String me = String.valueOf(plan.characterId());
            List<LedgerEvent> written = plan.fresh().stream().filter(event -> event.from() == null || event.from().equals(me)).toList();
            if (!written.isEmpty()) {
                ledger(written, serverId);
            }
            if (!plan.fresh().isEmpty()) {
                jdbc.sql("UPDATE characters SET item_seq = ? WHERE id = ?").params(plan.fresh().getLast().seq(), plan.characterId())
                        .update();
            }
        }
    }

    /** An item as staff see it: where it is, what it is. */
    public record Held(long id, int typeId, String key, String name, int quantity, int slot) {
    }

    /** A ledger line as staff see it. */
    public record Line(long id, long itemId, int typeId, int quantity, Long from, Long to, String reason, String serverId,
            java.time.Instant at) {
    }

    /** The character's items, named. */
    public List<Held> named(long characterId) {
        return stored(characterId).stream().map(item -> {
            Optional<ItemType> type = catalog.byId(item.typeId());
            return new Held(item.id(), item.typeId(), type.map(ItemType::key).orElse("?"), type.map(ItemType::name).orElse("?"),
                    item.quantity(), item.slot());
        }).toList();
    }

    /** The newest {@code limit} ledger lines that gave the character something or took something from it. */
    public List<Line> ledgerOf(long characterId, int limit) {
        return jdbc.sql("""
                SELECT id, item_id, type_id, quantity, from_character, to_character, reason, server_id, at FROM item_ledger
                WHERE from_character = :c OR to_character = :c ORDER BY id DESC LIMIT :limit""")
                .param("c", characterId).param("limit", limit)
                .query((row, n) -> new Line(row.getLong("id"), row.getLong("item_id"), row.getInt("type_id"), row.getInt("quantity"),
                        (Long) row.getObject("from_character"), (Long) row.getObject("to_character"), row.getString("reason"),
                        row.getString("server_id"), row.getTimestamp("at").toInstant()))
                .list();
    }

    /**
     * Staff give a character {@code quantity} of item type {@code typeId} (the character not in the world, its row
     * locked by the caller): a new item in the first free bag slot, on the ledger as a {@code grant}.
     */
    public Held grant(long characterId, int typeId, int quantity, String staff) {
        ItemType type = catalog.byId(typeId).orElseThrow(() -> new ItemsRefusedException("the world has no item type " + typeId));
        if (quantity < 1 || quantity > type.stack()) {
            throw new ItemsRefusedException("quantity must be 1 to " + type.stack() + " (one stack of " + type.key() + ")");
        }
        Set<Integer> taken = new HashSet<>();
        stored(characterId).forEach(item -> taken.add(item.slot()));
        int slot = 0;
        while (slot < ItemWriteRules.BAG_SLOTS && taken.contains(slot)) {
            slot++;
        }
        if (slot == ItemWriteRules.BAG_SLOTS) {
            throw new ItemsRefusedException("the character's bag is full");
        }
        long id = jdbc.sql("SELECT nextval('item_ids')").query(Long.class).single(); // a block of its own: one id used
        jdbc.sql("INSERT INTO items (id, character_id, type_id, quantity, slot) VALUES (?, ?, ?, ?, ?)")
                .params(id, characterId, typeId, quantity, slot).update();
        jdbc.sql("""
                INSERT INTO item_ledger (item_id, type_id, quantity, to_character, reason, server_id)
                VALUES (?, ?, ?, ?, 'grant', ?)""").params(id, typeId, quantity, characterId, "staff:" + staff).update();
        log.info("Item granted by staff character={} item={} type={} quantity={} staff={}", characterId, id, type.key(), quantity, staff);
        return new Held(id, typeId, type.key(), type.name(), quantity, slot);
    }

    /** Staff take item {@code itemId} from a character not in the world (row locked by the caller): a {@code remove} line. */
    public Optional<Held> remove(long characterId, long itemId, String staff) {
        Optional<Items.Stored> item = jdbc.sql("DELETE FROM items WHERE id = ? AND character_id = ? RETURNING id, type_id, quantity, slot")
                .params(itemId, characterId)
                .query((row, n) -> new Items.Stored(row.getLong("id"), row.getInt("type_id"), row.getInt("quantity"), row.getInt("slot")))
                .optional();
        item.ifPresent(gone -> {
            jdbc.sql("""
                    INSERT INTO item_ledger (item_id, type_id, quantity, from_character, reason, server_id)
                    VALUES (?, ?, ?, ?, 'remove', ?)""").params(gone.id(), gone.typeId(), gone.quantity(), characterId, "staff:" + staff)
                    .update();
            log.info("Item removed by staff character={} item={} type={} quantity={} staff={}", characterId, itemId, gone.typeId(),
                    gone.quantity(), staff);
        });
        return item.map(gone -> new Held(gone.id(), gone.typeId(), catalog.byId(gone.typeId()).map(ItemType::key).orElse("?"),
                catalog.byId(gone.typeId()).map(ItemType::name).orElse("?"), gone.quantity(), gone.slot()));
    }

    /** A character is deleted: its items leave the books (ledger {@code deleted}) so the character row can go. */
    public void deleteAll(long characterId) {
        int gone = jdbc.sql("""
                WITH gone AS (DELETE FROM items WHERE character_id = ? RETURNING id, type_id, quantity, character_id)
                INSERT INTO item_ledger (item_id, type_id, quantity, from_character, reason)
                SELECT id, type_id, quantity, character_id, 'deleted' FROM gone""").param(characterId).update();
        if (gone > 0) {
            log.info("Items of a deleted character left the books character={} items={}", characterId, gone);
        }
    }

    private void upsert(long characterId, List<StoredItem> items) {
        if (items.isEmpty()) {
            return;
        }
        Long[] ids = items.stream().map(StoredItem::id).toArray(Long[]::new);
        int written = jdbc.sql("""
                INSERT INTO items (id, character_id, type_id, quantity, slot)
                SELECT u.id, :character, u.type_id, u.quantity, u.slot
                FROM unnest(CAST(:ids AS bigint[]), CAST(:types AS integer[]), CAST(:quantities AS integer[]),
                            CAST(:slots AS smallint[])) AS u(id, type_id, quantity, slot)
                ON CONFLICT (id) DO UPDATE SET type_id = excluded.type_id, quantity = excluded.quantity, slot = excluded.slot
                WHERE items.character_id = excluded.character_id""")
                .param("character", characterId).param("ids", ids)
                .param("types", items.stream().map(StoredItem::typeId).toArray(Integer[]::new))
                .param("quantities", items.stream().map(StoredItem::quantity).toArray(Integer[]::new))
                .param("slots", items.stream().map(item -> item.slot().shortValue()).toArray(Short[]::new))
                .update();
        if (written != items.size()) {
            List<Long> elsewhere = jdbc.sql("SELECT id FROM items WHERE id = ANY(?) AND character_id <> ?")
                    .params(ids, characterId).query(Long.class).list();
            throw ItemWriteRules.refused(characterId, "items " + elsewhere + " belong to another character");
        }
    }

    private void ledger(List<LedgerEvent> events, String serverId) {
        jdbc.sql("""
                INSERT INTO item_ledger (item_id, type_id, quantity, from_character, to_character, reason, server_id)
                SELECT u.item_id, u.type_id, u.quantity, u.from_character, u.to_character, u.reason, :server
                FROM unnest(CAST(:items AS bigint[]), CAST(:types AS integer[]), CAST(:quantities AS integer[]),
                            CAST(:froms AS bigint[]), CAST(:tos AS bigint[]), CAST(:reasons AS varchar[]))
                     WITH ORDINALITY AS u(item_id, type_id, quantity, from_character, to_character, reason, n)
                ORDER BY u.n""")
                .param("server", serverId)
                .param("items", events.stream().map(LedgerEvent::itemId).toArray(Long[]::new))
                .param("types", events.stream().map(LedgerEvent::typeId).toArray(Integer[]::new))
                .param("quantities", events.stream().map(LedgerEvent::quantity).toArray(Integer[]::new))
                .param("froms", events.stream().map(event -> event.from() == null ? null : Long.valueOf(event.from())).toArray(Long[]::new))
                .param("tos", events.stream().map(event -> event.to() == null ? null : Long.valueOf(event.to())).toArray(Long[]::new))
                .param("reasons", events.stream().map(LedgerEvent::reason).toArray(String[]::new))
                .update();
    }

    private List<Items.Stored> stored(long characterId) {
        return jdbc.sql("SELECT id, type_id, quantity, slot FROM items WHERE character_id = ? ORDER BY slot")
                .param(characterId)
                .query((row, n) -> new Items.Stored(row.getLong("id"), row.getInt("type_id"), row.getInt("quantity"), row.getInt("slot")))
                .list();
    }
}
