package com.mmorpg.auth.character;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CharacterRepository extends JpaRepository<GameCharacter, Long> {

    @Query("select c from GameCharacter c join fetch c.characterClass where c.id = :id and c.accountId = :accountId")
    Optional<GameCharacter> findOwned(@Param("id") long id, @Param("accountId") long accountId);

    @Query("select c from GameCharacter c join fetch c.characterClass where c.id = :id")
    Optional<GameCharacter> findWithClass(@Param("id") long id);

    long countByAccountId(long accountId);

    @Query("select count(c) > 0 from GameCharacter c where lower(c.name) = lower(:name)")
    boolean existsByName(@Param("name") String name);

    /** Serialises character creation per account, so the per-account limit holds under concurrency. */
    @Query(value = "SELECT id FROM accounts WHERE id = :accountId FOR UPDATE", nativeQuery = true)
    Optional<Long> lockAccount(@Param("accountId") long accountId);

    @Modifying
    @Query("delete from GameCharacter c where c.id = :id and c.accountId = :accountId")
    int deleteOwned(@Param("id") long id, @Param("accountId") long accountId);

    /** Compare-and-set on {@code version}: 0 rows when the stored version differs. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update GameCharacter c set c.mapId = :mapId, c.posX = :x, c.posY = :y, c.hp = :hp, c.maxHp = :maxHp,
                c.mp = :mp, c.maxMp = :maxMp, c.level = :level, c.exp = :exp, c.version = c.version + 1,
                c.updatedAt = :now
            where c.id = :id and c.version = :version""")
    int updateState(@Param("id") long id, @Param("version") long version, @Param("mapId") int mapId,
            @Param("x") double x, @Param("y") double y, @Param("hp") int hp, @Param("maxHp") int maxHp,
            @Param("mp") int mp, @Param("maxMp") int maxMp, @Param("level") int level, @Param("exp") long exp,
            @Param("now") Instant now);
}
