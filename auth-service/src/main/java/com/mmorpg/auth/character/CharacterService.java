package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterExceptions.CharacterLimitException;
import com.mmorpg.auth.character.CharacterExceptions.CharacterNotFoundException;
import com.mmorpg.auth.character.CharacterExceptions.InvalidStateException;
import com.mmorpg.auth.character.CharacterExceptions.NameTakenException;
import com.mmorpg.auth.character.CharacterExceptions.StaleStateException;
import com.mmorpg.auth.character.CharacterExceptions.UnknownClassException;
import com.mmorpg.auth.character.CharacterViews.StateUpdateRequest;
import com.mmorpg.auth.characterclass.CharacterClass;
import com.mmorpg.auth.characterclass.CharacterClasses;
import com.mmorpg.auth.item.ItemBooks;
import com.mmorpg.auth.token.UnauthorizedException;
import com.mmorpg.auth.world.WorldMap;
import com.mmorpg.auth.world.WorldMaps;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CharacterService {

    static final int MAX_CHARACTERS_PER_ACCOUNT = 6;
    static final int MAX_LEVEL = 999;

    private static final Logger log = LoggerFactory.getLogger(CharacterService.class);

    private final CharacterRepository characters;
    private final CharacterClasses classes;
    private final WorldMaps maps;
    private final CharacterLeases leases;
    private final JdbcClient jdbc;
    private final ItemBooks items;

    CharacterService(CharacterRepository characters, CharacterClasses classes, WorldMaps maps, CharacterLeases leases,
            JdbcClient jdbc, ItemBooks items) {
        this.items = items;
        this.characters = characters;
        this.classes = classes;
        this.maps = maps;
        this.leases = leases;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    GameCharacter getOwned(long accountId, long characterId) {
        return characters.findOwned(characterId, accountId).orElseThrow(CharacterNotFoundException::new);
    }

    @Transactional
    GameCharacter create(long accountId, String name, long classId) {
        CharacterClass characterClass = classes.find(classId).orElseThrow(UnknownClassException::new);
        characters.lockAccount(accountId)
                .orElseThrow(() -> new UnauthorizedException("Account no longer exists", "invalid_token"));
        if (characters.countByAccountId(accountId) >= MAX_CHARACTERS_PER_ACCOUNT) {
            throw new CharacterLimitException(MAX_CHARACTERS_PER_ACCOUNT);
        }
        if (characters.existsByName(name)) {
            throw new NameTakenException();
        }
        WorldMap start = maps.startingMap();
        GameCharacter character;
        try {
            character = characters.saveAndFlush(new GameCharacter(accountId, name, characterClass, start.getId(),
                    start.getSpawnX(), start.getSpawnY(), Instant.now()));
        } catch (DataIntegrityViolationException e) {
            // Another account created the same name between the check and the insert.
            throw new NameTakenException();
        }
        log.atInfo().addKeyValue("character_id", character.getId()).addKeyValue("user_id", accountId)
                .log("Character created character={} user={} name={} class={}", character.getId(), accountId, name,
                        characterClass.getName());
        return character;
    }

    @Transactional
    void delete(long accountId, long characterId) {
        if (characters.findOwned(characterId, accountId).isEmpty()) {
            throw new CharacterNotFoundException();
        }
        leases.lockCharacter(characterId); // the order of a state write: the character's row, then its items
        items.deleteAll(characterId);
        if (characters.deleteOwned(characterId, accountId) == 0) {
            throw new CharacterNotFoundException();
        }
        log.atInfo().addKeyValue("character_id", characterId).addKeyValue("user_id", accountId)
                .log("Character deleted character={} user={}", characterId, accountId);
    }

    /**
     * A map server's save: applied only when it comes from the holder of the character's lease and
     * carries the stored version (no lost updates); releases the lease when asked, else extends it.
     * Plain SQL on the locked row, classes and maps from memory: with every live character written
     * every 10 s this is auth-service's most frequent write, and JPA cost several times the CPU.
     */
    @Transactional
    long saveState(long characterId, StateUpdateRequest state) {
        Written written = writeState(characterId, state);
        items.write(characterId, written.holder(), written.itemSeq(), state.items(), state.itemEvents());
        return written.version();
    }

    /**
     * A trade: both characters written in one transaction, each as {@link #saveState} (its lease, its version),
     * their items moving between them. Rows are locked in id order, so two trades of the same pair never deadlock.
     */
    @Transactional
    List<Long> saveTrade(long firstId, StateUpdateRequest first, long secondId, StateUpdateRequest second) {
        if (firstId == secondId) {
            throw new InvalidStateException("a trade needs two characters");
        }
        boolean inOrder = firstId < secondId;
        Written a = inOrder ? writeState(firstId, first) : null;
        Written b = writeState(secondId, second);
        if (!inOrder) {
            a = writeState(firstId, first);
        }
        items.writeTrade(new ItemBooks.Side(firstId, a.holder(), a.itemSeq(), first.items(), first.itemEvents()),
                new ItemBooks.Side(secondId, b.holder(), b.itemSeq(), second.items(), second.itemEvents()));
        log.info("Trade stored characters={},{} versions={},{}", firstId, secondId, a.version(), b.version());
        return List.of(a.version(), b.version());
    }

    private record Written(long version, String holder, long itemSeq) {
    }

    /** Locks, checks and writes the character's own state (not its items); what the item write needs. */
    private Written writeState(long characterId, StateUpdateRequest state) {
        Stored current = jdbc.sql("SELECT class_id, version, item_seq FROM characters WHERE id = ? FOR UPDATE").param(characterId)
                .query((row, n) -> new Stored(row.getInt("class_id"), row.getLong("version"), row.getLong("item_seq"))).optional()
                .orElseThrow(CharacterNotFoundException::new);
        String holder = leases.checkForWrite(characterId, state.leaseId(), state.releases());
        if (state.version() != current.version()) {
            throw new StaleStateException(state.version(), current.version());
        }
        if (state.mapId() > Integer.MAX_VALUE || maps.find(state.mapId().intValue()).isEmpty()) {
            throw new InvalidStateException("Unknown map " + state.mapId());
        }
        CharacterClass k = classes.find(current.classId()).orElseThrow();
        int maxHp = k.maxHpAt(state.level());
        int maxMp = k.maxMpAt(state.level());
        if (state.hp() > maxHp) {
            throw new InvalidStateException("hp " + state.hp() + " exceeds max_hp " + maxHp + " at level " + state.level());
        }
        if (state.mp() > maxMp) {
            throw new InvalidStateException("mp " + state.mp() + " exceeds max_mp " + maxMp + " at level " + state.level());
        }
        jdbc.sql("""
                UPDATE characters SET map_id = ?, pos_x = ?, pos_y = ?, hp = ?, max_hp = ?, mp = ?, max_mp = ?, level = ?,
                    exp = ?, version = version + 1, updated_at = now()
                WHERE id = ?""")
                .params(state.mapId().intValue(), state.position().x(), state.position().y(), state.hp(), maxHp, state.mp(),
                        maxMp, state.level(), state.exp(), characterId)
                .update();
        log.debug("Character state saved character={} map={} version={} released={}", characterId, state.mapId(),
                state.version() + 1, state.releases());
        return new Written(state.version() + 1, holder, current.itemSeq());
    }

    private record Stored(int classId, long version, long itemSeq) {
    }
}
