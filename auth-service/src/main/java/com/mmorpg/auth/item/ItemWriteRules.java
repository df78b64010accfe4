package com.mmorpg.auth.item;

import com.mmorpg.auth.item.ItemWrites.LedgerEvent;
import com.mmorpg.auth.item.ItemWrites.StoredItem;
import com.mmorpg.common.internal.Items;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.ItemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an item write must add up to, checked before {@link ItemBooks} stores anything: the items sent are exactly
 * what the stored items become under the write's new ledger events (each applied once, by seq), every event gives
 * to or takes from the character alone (or its trade's counterparty), and every slot and stack fits the content.
 * Reads no table: the stored items come from the books.
 */
final class ItemWriteRules {

    private static final Logger log = LoggerFactory.getLogger(ItemWriteRules.class);
    static final int BAG_SLOTS = 30;
    private static final int EQUIPMENT_FIRST = 100;

    private final ItemCatalog catalog;

    ItemWriteRules(ItemCatalog catalog) {
        this.catalog = catalog;
    }

    private record Count(int typeId, int quantity) {
    }

    /**
     * The events of a write not applied before ({@code storedSeq}), in seq order, after checking that they lead from
     * {@code current} to {@code items}; {@link ItemsRefusedException} when they do not.
     */
    List<LedgerEvent> follow(long characterId, long storedSeq, List<Items.Stored> current, List<StoredItem> items,
            List<LedgerEvent> events, Long counterparty) {
        Map<Long, Count> expected = new HashMap<>();
        for (Items.Stored item : current) {
            expected.put(item.id(), new Count(item.typeId(), item.quantity()));
        }
        List<LedgerEvent> fresh = apply(characterId, storedSeq, events, expected, counterparty);
        check(characterId, items, expected);
        return fresh;
    }

    /** Applies the events not applied yet to {@code expected}; returns them, in seq order. */
    private List<LedgerEvent> apply(long characterId, long storedSeq, List<LedgerEvent> events, Map<Long, Count> expected,
            Long counterparty) {
        String other = counterparty == null ? null : String.valueOf(counterparty);
        String me = String.valueOf(characterId);
        List<LedgerEvent> fresh = new ArrayList<>();
        long last = storedSeq;
        for (LedgerEvent event : events.stream().sorted(Comparator.comparingLong(LedgerEvent::seq)).toList()) {
            if (event.seq() <= storedSeq) {
                continue; // applied by an earlier write of this one (its answer was lost)
            }
            if (event.seq() == last) {
                throw refused(characterId, "two events with seq " + event.seq());
            }
            last = event.seq();
            if (!Items.REASONS.contains(event.reason())) {
                throw refused(characterId, "event " + event.seq() + ": unknown reason " + event.reason());
            }
            if (catalog.byId(event.typeId()).isEmpty()) {
                throw refused(characterId, "event " + event.seq() + ": unknown item type " + event.typeId());
            }
            boolean in = me.equals(event.to());
            boolean out = me.equals(event.from());
            String party = in ? event.from() : event.to();
            boolean traded = party != null && party.equals(other) && event.reason().equals(Items.TRADE);
            if (in == out || (party != null && !traded)) {
                throw refused(characterId, "event " + event.seq() + " must give to or take from this character alone "
                        + "(a move between characters is a trade's)");
            }
            Count was = expected.get(event.itemId());
            if (was != null && was.typeId() != event.typeId()) {
                throw refused(characterId, "event " + event.seq() + ": item " + event.itemId() + " is of type " + was.typeId());
            }
            int quantity = (was == null ? 0 : was.quantity()) + (in ? event.quantity() : -event.quantity());
            if (quantity < 0) {
                throw refused(characterId, "event " + event.seq() + " takes " + event.quantity() + " of item " + event.itemId()
                        + ", which has " + (was == null ? 0 : was.quantity()));
            }
            if (quantity == 0) {
                expected.remove(event.itemId());
            } else {
                expected.put(event.itemId(), new Count(event.typeId(), quantity));
            }
            fresh.add(event);
        }
        return fresh;
    }

    /** The items sent must be what the events lead to, in slots and stacks the content allows. */
    private void check(long characterId, List<StoredItem> items, Map<Long, Count> expected) {
        Set<Integer> slots = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (StoredItem item : items) {
            Count count = expected.get(item.id());
            if (count == null || count.typeId() != item.typeId() || count.quantity() != item.quantity()) {
                throw refused(characterId, "item " + item.id() + " (type " + item.typeId() + " x" + item.quantity()
                        + ") does not follow from the stored items and the events: expected "
                        + (count == null ? "none" : "type " + count.typeId() + " x" + count.quantity()));
            }
            if (!ids.add(item.id()) || !slots.add(item.slot())) {
                throw refused(characterId, "item " + item.id() + " or slot " + item.slot() + " appears twice");
            }
            ItemType type = catalog.byId(item.typeId()).orElseThrow();
            if (item.quantity() > type.stack()) {
                throw refused(characterId, "item " + item.id() + ": " + item.quantity() + " is more than a stack of " + type.key());
            }
            int slot = item.slot();
            boolean bag = slot >= 0 && slot < BAG_SLOTS;
            boolean worn = type.wearable() && slot == EQUIPMENT_FIRST + type.slot().ordinal();
            if (!bag && !worn) {
                throw refused(characterId, "item " + item.id() + " (" + type.key() + ") cannot be in slot " + slot);
            }
        }
        if (ids.size() != expected.size()) {
            Optional<Long> missing = expected.keySet().stream().filter(id -> !ids.contains(id)).findFirst();
            throw refused(characterId, "item " + missing.orElse(0L) + " follows from the events but was not sent");
        }
    }

    /** The moves from {@code from} to {@code to} in {@code events}, sorted, as "item:type:quantity". */
    static List<String> moves(List<LedgerEvent> events, String from, String to) {
        return events.stream().filter(event -> from.equals(event.from()) && to.equals(event.to()))
                .map(event -> event.itemId() + ":" + event.typeId() + ":" + event.quantity()).sorted().toList();
    }

    /** Whether the items sent are the stored ones, each in its slot with its quantity (nothing to store). */
    static boolean same(List<Items.Stored> current, List<StoredItem> items) {
        if (current.size() != items.size()) {
            return false;
        }
        Map<Long, Items.Stored> byId = new HashMap<>();
        current.forEach(item -> byId.put(item.id(), item));
        for (StoredItem item : items) {
            Items.Stored was = byId.get(item.id());
            if (was == null || was.slot() != item.slot() || was.quantity() != item.quantity()) {
                return false;
            }
        }
        return true;
    }

    /** The refusal of a write, logged: a map server sending writes that do not add up is a bug to find. */
    static ItemsRefusedException refused(long characterId, String why) {
        log.error("Item write refused character={}: {}", characterId, why);
        return new ItemsRefusedException(why);
    }
}
