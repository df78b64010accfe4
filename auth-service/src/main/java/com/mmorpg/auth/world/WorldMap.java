package com.mmorpg.auth.world;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A map of the world and its spawn point. */
@Entity
@Table(name = "world_maps")
public class WorldMap {

    @Id
    private Integer id;

    @Column(nullable = false)
    private String name;

    @Column(name = "spawn_x", nullable = false)
    private double spawnX;

    @Column(name = "spawn_y", nullable = false)
    private double spawnY;

    protected WorldMap() {
    }

    public Integer getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public double getSpawnX() {
        return spawnX;
    }

    public double getSpawnY() {
        return spawnY;
    }
}
