package com.mmorpg.auth.characterclass;

import org.springframework.data.jpa.repository.JpaRepository;

interface CharacterClassRepository extends JpaRepository<CharacterClass, Integer> {
}
