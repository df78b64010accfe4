package com.mmorpg.content;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads {@code classes.json}: {@code {"classes": [{id, name, description, hp, ..., growth: {hp, mp, attack, defense}}]}}. */
final class ClassDefinitions {

    static final String FILE = "classes.json";

    private ClassDefinitions() {
    }

    /** The classes in {@code bytes}, in file order, or null with their problems added. */
    static List<ClassDefinition> read(byte[] bytes, ContentProblems problems) {
        File read = ContentJson.read(FILE, bytes, File.class, problems);
        if (read == null) {
            return null;
        }
        List<ClassDefinition> classes = read.classes();
        if (!problems.check(classes != null && !classes.isEmpty(), FILE, "classes", "missing or empty: players need a class to create a character")) {
            return null;
        }
        int before = problems.size();
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            ClassDefinition k = classes.get(i);
            String place = "classes[" + i + "]" + (k.name() == null ? "" : " (" + k.name() + ")");
            problems.check(k.id() >= 1, FILE, place, "id must be 1 or more, is " + k.id());
            problems.check(ids.add(k.id()), FILE, place, "id " + k.id() + " is used by an earlier class");
            if (problems.check(k.name() != null && !k.name().isBlank() && k.name().length() <= 32, FILE, place, "name must be 1-32 characters")) {
                problems.check(names.add(k.name().toLowerCase(Locale.ROOT)), FILE, place, "name " + k.name() + " is used by an earlier class");
            }
            problems.check(k.description() != null && k.description().length() <= 500, FILE, place, "description (up to 500 characters) missing");
            problems.check(k.hp() >= 1 && k.mp() >= 0 && k.attack() >= 0 && k.defense() >= 0, FILE, place,
                    "hp must be 1 or more; mp, attack and defense 0 or more");
            problems.check(k.speed() > 0 && k.attackRange() > 0, FILE, place, "speed and attack_range must be above 0");
            if (problems.check(k.growth() != null, FILE, place, "growth missing: what each level adds ({\"hp\", \"mp\", \"attack\", \"defense\"})")) {
                ClassDefinition.Growth g = k.growth();
                problems.check(g.hp() >= 0 && g.mp() >= 0 && g.attack() >= 0 && g.defense() >= 0, FILE, place + " growth",
                        "hp, mp, attack and defense must be 0 or more");
            }
        }
        return problems.size() > before ? null : List.copyOf(classes);
    }

    record File(List<ClassDefinition> classes) {
    }
}
