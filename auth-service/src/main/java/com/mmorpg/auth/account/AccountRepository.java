package com.mmorpg.auth.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AccountRepository extends JpaRepository<Account, Long> {

    /** Uses the unique index on lower(username). */
    @Query("select a from Account a where lower(a.username) = lower(:username)")
    Optional<Account> findByUsername(@Param("username") String username);

    @Query("select count(a) > 0 from Account a where lower(a.username) = lower(:username)")
    boolean existsByUsername(@Param("username") String username);
}
