package com.mmorpg.content;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code mobs.json}: {@code {"mobs": [{key, id, name, hp, attack, ...}]}}. */
final class MobTypes {

    static final String FILE = "mobs.json";

    private MobTypes() {
    }

    /** The catalog in {@code bytes}, or null with its problems added. */
    static MobCatalog read(byte[] bytes, ContentProblems problems) {
        File read = ContentJson.read(FILE, bytes, File.class, problems);
        if (read == null) {
            return null;
        }
        List<MobType> types = read.mobs();
        if (!problems.check(types != null && !types.isEmpty(), FILE, "mobs", "missing or empty")) {
            return null;
        }
        int before = problems.size();
        Set<String> keys = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            MobType type = types.get(i);
            String place = "mobs[" + i + "]" + (type.key() == null ? "" : " (" + type.key() + ")");
            if (!problems.check(type.key() != null && type.key().matches("[a-z][a-z0-9_]{0,31}"), FILE, place,
                    "key must be 1-32 lower-case letters, digits or _, starting with a letter")) {
                continue;
            }
            problems.check(keys.add(type.key()), FILE, place, "key " + type.key() + " is used by an earlier mob type");
            problems.check(ids.add(type.id()), FILE, place, "id " + type.id() + " is used by an earlier mob type");
            String problem = problem(type);
            problems.check(problem == null, FILE, place, String.valueOf(problem));
        }
        return problems.size() > before ? null : new MobCatalog(types);
    }

    /** What makes a type unplayable, or null. */
    static String problem(MobType type) {
        if (type.id() < 1) {
            return "id must be 1 or more";
        }
        if (type.name() == null || type.name().isBlank()) {
            return "name missing";
        }
        if (type.hp() < 1 || type.attack() < 0 || type.defense() < 0 || type.expReward() < 0) {
            return "hp must be 1 or more; attack, defense and exp_reward 0 or more";
        }
        if (type.speed() <= 0 || type.attackRange() <= 0 || type.aggroRadius() < 0) {
            return "speed and attack_range must be above 0, aggro_radius 0 or more";
        }
        if (type.attackCooldownTicks() < 1 || type.respawnDelayTicks() < 1) {
            return "attack_cooldown_ticks and respawn_delay_ticks must be 1 or more";
        }
        if (type.leashRadius() < type.aggroRadius()) {
            return "leash_radius " + type.leashRadius() + " is smaller than aggro_radius " + type.aggroRadius()
                    + ": the mob would give up a chase as it begins";
        }
        return null;
    }

    record File(List<MobType> mobs) {
    }
}
