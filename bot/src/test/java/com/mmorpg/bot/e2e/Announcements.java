package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.testsupport.BackendStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** Support staff's announcement to every connected player, as the ops console sends it. */
final class Announcements {

    private Announcements() {
    }

    /** Logs in as {@code staff} and posts {@code message} to auth-service's {@code /admin/announce}. */
    static void announce(BackendStack stack, String staff, String password, String message) throws Exception {
        String token = new AuthClient(stack.authUrl()).login(staff, password).accessToken();
        String body = JsonMapper.builder().build().writeValueAsString(java.util.Map.of("message", message));
        HttpResponse<String> announced = stack.http().send(HttpRequest.newBuilder(URI.create(stack.authUrl() + "/admin/announce"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(announced.statusCode()).as(announced.body()).isEqualTo(200);
    }
}
