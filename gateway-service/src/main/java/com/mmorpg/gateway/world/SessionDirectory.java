package com.mmorpg.gateway.world;

import com.mmorpg.gateway.config.GatewayProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** This gateway's side of world-directory's sessions: online, refresh, offline. */
@Service
public class SessionDirectory {

    private final InternalHttp http;
    private final URI directory;
    private final String gatewayId;

    SessionDirectory(InternalHttp http, GatewayProperties properties) {
        this.http = http;
        this.directory = properties.worldDirectoryUrl();
        this.gatewayId = properties.gatewayId();
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** The user's session here: when the directory recorded it, and the gateway of the session it replaced (or null). */
    public record Online(long since, String replaced) {
    }

    /** Marks the user online here. */
    public Online online(String userId) throws DependencyUnavailableException {
        InternalHttp.Reply reply = http.post(directory.resolve("/session/online"), Map.of("userId", userId, "gatewayId", gatewayId));
        if (reply.status() != 200 || reply.body() == null) {
            throw new DependencyUnavailableException("session/online answered " + reply.status());
        }
        JsonNode replaced = reply.body().get("replaced");
        return new Online(reply.body().path("since").asLong(System.currentTimeMillis()),
                replaced == null || replaced.isNull() ? null : replaced.asString());
    }

    /** Keeps this gateway's sessions alive; returns the users whose session moved elsewhere. */
    public List<String> refresh(Collection<String> userIds) throws DependencyUnavailableException {
        InternalHttp.Reply reply = http.post(directory.resolve("/session/refresh"),
                Map.of("gatewayId", gatewayId, "userIds", List.copyOf(userIds)));
        if (reply.status() != 200 || reply.body() == null) {
            throw new DependencyUnavailableException("session/refresh answered " + reply.status());
        }
        List<String> lost = new ArrayList<>();
        reply.body().get("lost").forEach(node -> lost.add(node.asString()));
        return lost;
    }

    public void offline(String userId) throws DependencyUnavailableException {
        http.delete(directory.resolve("/session/" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                + "?gatewayId=" + URLEncoder.encode(gatewayId, StandardCharsets.UTF_8)));
    }
}
