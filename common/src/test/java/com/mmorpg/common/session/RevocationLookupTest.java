package com.mmorpg.common.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RevocationLookupTest {

    private static final Instant ISSUED = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void readsTheSessionAndUserKeysAndDecides() {
        List<List<String>> asked = new ArrayList<>();
        RevocationLookup lookup = new RevocationLookup(keys -> {
            asked.add(keys);
            return keys.getFirst().endsWith(":gone") ? Arrays.asList("logout", null) : Arrays.asList(null, null);
        }, outcome -> { });

        assertThat(lookup.isRevoked("42", "gone", ISSUED)).isTrue();
        assertThat(lookup.isRevoked("42", "alive", ISSUED)).isFalse();
        assertThat(asked.getFirst()).containsExactly("revoked:session:gone", "revoked:user:42");
    }

    @Test
    void withoutRedisATokenIsTakenAndNoLookupIsTriedForAWhile() {
        AtomicInteger calls = new AtomicInteger();
        List<RevocationLookup.Outcome> outcomes = new ArrayList<>();
        RevocationLookup lookup = new RevocationLookup(keys -> {
            calls.incrementAndGet();
            throw new IllegalStateException("connection refused");
        }, outcomes::add);

        assertThat(lookup.isRevoked("42", "s", ISSUED)).isFalse();
        assertThat(lookup.isRevoked("42", "s", ISSUED)).isFalse();

        assertThat(calls).hasValue(1);
        assertThat(outcomes).containsExactly(RevocationLookup.Outcome.FAILED, RevocationLookup.Outcome.SKIPPED);
    }
}
