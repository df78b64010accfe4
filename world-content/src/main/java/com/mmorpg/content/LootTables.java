package com.mmorpg.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code loot.json}: {@code {"loot": {"<mob key>": [{item, chance, min, max}]}}}; {@code min} and
 * {@code max} default to 1. Whether the mob and item keys exist is checked with the other files.
 */
final class LootTables {

    static final String FILE = "loot.json";
    static final int MAX_LINES = 32;

    private LootTables() {
    }

    /** The tables in {@code bytes} by mob key, or null with their problems added. */
    static Map<String, List<LootEntry>> read(byte[] bytes, ContentProblems problems) {
        File read = ContentJson.read(FILE, bytes, File.class, problems);
        if (read == null) {
            return null;
        }
        if (!problems.check(read.loot() != null, FILE, "loot", "missing (write \"loot\": {} for a world without loot)")) {
            return null;
        }
        int before = problems.size();
        Map<String, List<LootEntry>> tables = new LinkedHashMap<>();
        read.loot().forEach((mob, lines) -> {
            if (!problems.check(lines != null && lines.size() <= MAX_LINES, FILE, "loot." + mob, "must be a list of at most "
                    + MAX_LINES + " lines")) {
                return;
            }
            List<LootEntry> entries = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                LootEntry entry = new LootEntry(line.item(), line.chance() == null ? 0 : line.chance(),
                        line.min() == null ? 1 : line.min(), line.max() == null ? (line.min() == null ? 1 : line.min()) : line.max());
                String place = "loot." + mob + "[" + i + "]" + (line.item() == null ? "" : " (" + line.item() + ")");
                String problem = shape(entry);
                if (problems.check(problem == null, FILE, place, String.valueOf(problem))) {
                    entries.add(entry);
                }
            }
            tables.put(mob, entries);
        });
        return problems.size() > before ? null : tables;
    }

    /** What is wrong with a line on its own, or null. */
    static String shape(LootEntry entry) {
        if (entry.item() == null) {
            return "item missing";
        }
        if (!(entry.chance() > 0 && entry.chance() <= 1)) {
            return "chance must be above 0 and at most 1, not " + entry.chance();
        }
        if (entry.min() < 1 || entry.max() < entry.min()) {
            return "min must be 1 or more and max at least min";
        }
        return null;
    }

    /** What is wrong with a line given its item type (null when there is none), or null. */
    static String problem(LootEntry entry, ItemType type) {
        String shape = shape(entry);
        if (shape != null) {
            return shape;
        }
        if (type == null) {
            return "item \"" + entry.item() + "\" is not in items.json";
        }
        if (entry.max() > type.stack()) {
            return "max " + entry.max() + " is more than one stack of " + type.key() + " (" + type.stack() + ")";
        }
        return null;
    }

    record File(Map<String, List<Line>> loot) {
    }

    record Line(String item, Double chance, Integer min, Integer max) {
    }
}
