package com.mmorpg.worlddirectory.registry;

import com.mmorpg.common.token.LiveViewCredentials;
import com.mmorpg.service.error.ApiException;
import com.mmorpg.service.web.InternalApiProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The console's live map, relayed: a browser never needs a map server's address. The map server's
 * ops port answers {@code /view/...} only to a {@link LiveViewCredentials} credential minted here for
 * that server (read-only, a minute long), never to the internal key, which does not leave this
 * service on these fetches; the JSON is passed on as it came.
 */
@Component
public class MapServerViews {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).version(HttpClient.Version.HTTP_1_1).build();
    private final LiveViewCredentials credentials;

    MapServerViews(InternalApiProperties internal) {
        this.credentials = new LiveViewCredentials(internal.apiKey(), Clock.systemUTC());
    }

    /** {@code path}: {@code map} or {@code channel/<n>}. */
    public String view(MapServerRecord server, String path) {
        if (server.opsAddress() == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "NO_LIVE_VIEW", "This map server did not say where its ops port is");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.opsAddress() + "/view/" + path))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + credentials.issue(server.id())).GET().build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 404) {
                throw new ApiException(HttpStatus.NOT_FOUND, "CHANNEL_NOT_FOUND", "No such channel on " + server.id());
            }
            if (answer.statusCode() != 200) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "MAP_SERVER_REFUSED",
                        server.id() + " answered " + answer.statusCode() + " (INTERNAL_API_KEY differs?)");
            }
            return answer.body();
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "MAP_SERVER_UNREACHABLE", server.id() + " cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "MAP_SERVER_UNREACHABLE", "interrupted");
        }
    }
}
