package com.mmorpg.auth.world;

import org.springframework.data.jpa.repository.JpaRepository;

interface WorldMapRepository extends JpaRepository<WorldMap, Integer> {
}
