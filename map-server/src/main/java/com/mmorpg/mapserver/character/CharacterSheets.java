package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.mapserver.sim.CharacterSheet;

/** What the world needs of a character auth-service sent (the internal {@link CharacterRecord}). */
final class CharacterSheets {

    private CharacterSheets() {
    }

    static CharacterSheet of(CharacterRecord c) {
        CharacterRecord.Stats stats = c.stats();
        CharacterRecord.Growth growth = c.growth();
        return new CharacterSheet(c.id(), c.userId(), c.name(), Integer.parseInt(c.classId()), c.mapNumber(),
                (float) c.position().x(), (float) c.position().y(), c.level(), c.exp(), c.hp(), c.maxHp(), c.mp(), c.maxMp(),
                stats.attack(), stats.defense(), (float) stats.speed(), (float) stats.attackRange(), c.version(),
                new CharacterSheet.Growth(growth.hp(), growth.mp(), growth.attack(), growth.defense()));
    }
}
