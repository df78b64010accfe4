package com.mmorpg.auth.character;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CharacterRepository extends JpaRepository<GameCharacter, Long> {

    @Query("select c from GameCharacter c join fetch c.characterClass where c.id = :id and c.accountId = :accountId")
    Optional<GameCharacter> findOwned(@Param("id") long id, @Param("accountId") long accountId);

    long countByAccountId(long accountId);

    @Query("select count(c) > 0 from GameCharacter c where lower(c.name) = lower(:name)")
    boolean existsByName(@Param("name") String name);

    /** Serialises character creation per account, so the per-account limit holds under concurrency. */
    @Query(value = "SELECT id FROM accounts WHERE id = :accountId FOR UPDATE", nativeQuery = true)
    Optional<Long> lockAccount(@Param("accountId") long accountId);

    @Modifying
    @Query("delete from GameCharacter c where c.id = :id and c.accountId = :accountId")
    int deleteOwned(@Param("id") long id, @Param("accountId") long accountId);
}
