package com.mmorpg.common.token;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account may do beyond playing, carried in its access tokens ({@code role} claim) and
 * stored with the account. Ordered: each role may do what the ones before it may.
 */
public enum Role {

    /** Plays. */
    PLAYER,
    /** Game master: looks players up, kicks, bans, announces, moves stuck characters. */
    GM,
    /** Everything a GM does, plus granting roles and draining map servers. */
    ADMIN;

    /** The name on the wire and in the database: {@code player}, {@code gm}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The role a wire name names; empty for anything else. */
    public static Optional<Role> of(String wireName) {
        for (Role role : values()) {
            if (role.wireName().equals(wireName)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
