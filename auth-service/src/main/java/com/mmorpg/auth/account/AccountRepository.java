package com.mmorpg.auth.account;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AccountRepository extends JpaRepository<Account, Long> {

    @Query("select count(a) > 0 from Account a where lower(a.username) = lower(:username)")
    boolean existsByUsername(@Param("username") String username);
}
