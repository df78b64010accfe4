package com.mmorpg.auth.character;

import com.mmorpg.auth.characterclass.CharacterClass;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A player character and its persisted game state. {@code version} grows by one with every state
 * write from a map server, so a late write from a stale server can be refused.
 */
@Entity
@Table(name = "characters")
class GameCharacter {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(nullable = false, length = 16)
    private String name;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "class_id", nullable = false)
    private CharacterClass characterClass;

    private int level;
    private long exp;

    @Column(name = "map_id", nullable = false)
    private int mapId;

    @Column(name = "pos_x", nullable = false)
    private double posX;

    @Column(name = "pos_y", nullable = false)
    private double posY;

    private int hp;

    @Column(name = "max_hp")
    private int maxHp;

    private int mp;

    @Column(name = "max_mp")
    private int maxMp;

    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GameCharacter() {
    }

    /** A level-1 character with full hp/mp at a map's spawn point. */
    GameCharacter(long accountId, String name, CharacterClass characterClass, int mapId, double x, double y, Instant now) {
        this.accountId = accountId;
        this.name = name;
        this.characterClass = characterClass;
        this.level = 1;
        this.exp = 0;
        this.mapId = mapId;
        this.posX = x;
        this.posY = y;
        this.maxHp = characterClass.maxHpAt(1);
        this.hp = maxHp;
        this.maxMp = characterClass.maxMpAt(1);
        this.mp = maxMp;
        this.version = 0;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long getId() {
        return id;
    }

    long getAccountId() {
        return accountId;
    }

    String getName() {
        return name;
    }

    CharacterClass getCharacterClass() {
        return characterClass;
    }

    int getLevel() {
        return level;
    }

    long getExp() {
        return exp;
    }

    int getMapId() {
        return mapId;
    }

    double getPosX() {
        return posX;
    }

    double getPosY() {
        return posY;
    }

    int getHp() {
        return hp;
    }

    int getMaxHp() {
        return maxHp;
    }

    int getMp() {
        return mp;
    }

    int getMaxMp() {
        return maxMp;
    }

    long getVersion() {
        return version;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
