package com.mmorpg.common.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * world-directory's online sessions ({@code /session}): which gateway holds each user. The seed's
 * gateway writes {@code userId}/{@code gatewayId} in camelCase, and so do these requests (the only
 * exception to snake_case); the answers' fields are single words.
 */
public final class Sessions {

    private Sessions() {
    }

    public static final String ONLINE_PATH = "/session/online";
    public static final String REFRESH_PATH = "/session/refresh";

    public record Online(@JsonProperty("userId") String userId, @JsonProperty("gatewayId") String gatewayId) {
    }

    /** When the directory recorded the session, and the gateway of the session it replaced (or null). */
    public record OnlineReply(long since, String replaced) {
    }

    public record Refresh(@JsonProperty("gatewayId") String gatewayId, @JsonProperty("userIds") List<String> userIds) {
    }

    /** {@code lost}: another gateway owns these users' sessions now; {@code restored}: expired and this gateway's again. */
    public record RefreshReply(int refreshed, List<String> lost, List<String> restored) {
    }
}
