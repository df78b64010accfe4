package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.Items;
import com.mmorpg.mapserver.sim.CharacterSheet;
import com.mmorpg.mapserver.sim.SavedItem;

/** What the world needs of a character auth-service sent (the internal {@link CharacterRecord} and its items). */
final class CharacterSheets {

    private CharacterSheets() {
    }

    static CharacterSheet of(CharacterRecord c, Items.Held inventory) {
        CharacterRecord.Stats stats = c.stats();
        CharacterRecord.Growth growth = c.growth();
        Items.Held held = inventory == null ? Items.Held.NONE : inventory;
        return new CharacterSheet(c.id(), c.userId(), c.name(), Integer.parseInt(c.classId()), c.mapNumber(),
                (float) c.position().x(), (float) c.position().y(), c.level(), c.exp(), c.hp(), c.maxHp(), c.mp(), c.maxMp(),
                stats.attack(), stats.defense(), (float) stats.speed(), (float) stats.attackRange(), c.version(),
                new CharacterSheet.Growth(growth.hp(), growth.mp(), growth.attack(), growth.defense()),
                held.items().stream().map(item -> new SavedItem(item.id(), item.typeId(), item.quantity(), item.slot())).toList(),
                held.seq());
    }
}
