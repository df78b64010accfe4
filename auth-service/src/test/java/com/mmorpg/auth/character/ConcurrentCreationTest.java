package com.mmorpg.auth.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConcurrentCreationTest extends AuthIntegrationTest {

    @Test
    void twoAccountsRacingForOneNameExactlyOneWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = uniqueName("Race", 12);
            String alice = register().text("access_token");
            String bob = register().text("access_token");

            List<AuthHttp.Response> responses = race(() -> createCharacter(alice, name, 1), () -> createCharacter(bob, name, 2));

            assertThat(responses).extracting(AuthHttp.Response::status).containsExactlyInAnyOrder(201, 409);
            responses.stream().filter(r -> r.status() == 409)
                    .forEach(r -> assertThat(r.text("code")).isEqualTo("NAME_TAKEN"));
        }
    }

    @Test
    void theCharacterLimitHoldsUnderConcurrentCreation() throws Exception {
        // as many rounds as the name race, each with more requests than the limit (6) leaves room for
        for (int round = 0; round < 10; round++) {
            String token = register().text("access_token");
            int before = round % 4; // some accounts race from empty, some with characters already
            for (int i = 0; i < before; i++) {
                assertThat(createCharacter(token, uniqueName("L", 12), 1).status()).isEqualTo(201);
            }

            @SuppressWarnings("unchecked")
            Supplier<AuthHttp.Response>[] calls = new Supplier[10];
            for (int i = 0; i < calls.length; i++) {
                int classId = 1 + i % 3;
                calls[i] = () -> createCharacter(token, uniqueName("L", 12), classId);
            }
            List<AuthHttp.Response> responses = race(calls);

            assertThat(responses).extracting(AuthHttp.Response::status).as("round %d", round)
                    .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(6 - before);
            assertThat(http.get("/characters", token).json().size()).as("round %d", round).isEqualTo(6);
        }
    }

    @SafeVarargs
    private static List<AuthHttp.Response> race(Supplier<AuthHttp.Response>... calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.length)) {
            List<Future<AuthHttp.Response>> futures = new ArrayList<>();
            for (Supplier<AuthHttp.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<AuthHttp.Response> responses = new ArrayList<>();
            for (Future<AuthHttp.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
