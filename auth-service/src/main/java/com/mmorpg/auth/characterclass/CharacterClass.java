package com.mmorpg.auth.characterclass;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A playable class: level-1 stats and per-level growth. */
@Entity
@Table(name = "character_classes")
public class CharacterClass {

    @Id
    private Integer id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    private int hp;
    private int mp;
    private int attack;
    private int defense;
    private double speed;

    @Column(name = "attack_range")
    private double attackRange;

    @Column(name = "hp_per_level")
    private int hpPerLevel;

    @Column(name = "mp_per_level")
    private int mpPerLevel;

    @Column(name = "attack_per_level")
    private int attackPerLevel;

    @Column(name = "defense_per_level")
    private int defensePerLevel;

    protected CharacterClass() {
    }

    public int maxHpAt(int level) {
        return hp + (level - 1) * hpPerLevel;
    }

    public int maxMpAt(int level) {
        return mp + (level - 1) * mpPerLevel;
    }

    public int attackAt(int level) {
        return attack + (level - 1) * attackPerLevel;
    }

    public int defenseAt(int level) {
        return defense + (level - 1) * defensePerLevel;
    }

    public Integer getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public int getHp() {
        return hp;
    }

    public int getMp() {
        return mp;
    }

    public int getAttack() {
        return attack;
    }

    public int getDefense() {
        return defense;
    }

    public double getSpeed() {
        return speed;
    }

    public double getAttackRange() {
        return attackRange;
    }

    public int getHpPerLevel() {
        return hpPerLevel;
    }

    public int getMpPerLevel() {
        return mpPerLevel;
    }

    public int getAttackPerLevel() {
        return attackPerLevel;
    }

    public int getDefensePerLevel() {
        return defensePerLevel;
    }
}
