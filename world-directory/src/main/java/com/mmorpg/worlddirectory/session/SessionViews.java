package com.mmorpg.worlddirectory.session;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Session requests and responses. The seed's gateway sends {@code {userId, gatewayId}} in camelCase,
 * so these keep its names (snake_case is accepted too).
 */
public final class SessionViews {

    public static final String ID = "[A-Za-z0-9_.:-]{1,64}";

    private SessionViews() {
    }

    record OnlineRequest(
            @JsonProperty("userId") @JsonAlias("user_id") @NotNull @Pattern(regexp = ID) String userId,
            @JsonProperty("gatewayId") @JsonAlias("gateway_id") @NotNull @Pattern(regexp = ID) String gatewayId) {
    }

    record OnlineResponse(@JsonProperty("userId") String userId, @JsonProperty("gatewayId") String gatewayId,
            @JsonProperty("since") long since, @JsonProperty("replaced") String replaced) {
    }

    record RefreshRequest(
            @JsonProperty("gatewayId") @JsonAlias("gateway_id") @NotNull @Pattern(regexp = ID) String gatewayId,
            @JsonProperty("userIds") @JsonAlias("user_ids") @NotNull @Size(max = 10_000)
            List<@NotNull @Pattern(regexp = ID) String> userIds) {
    }

    /**
     * {@code lost}: users whose session another gateway owns now (a newer login: drop them);
     * {@code restored}: sessions that had expired (an outage) and are this gateway's again.
     */
    record RefreshResponse(@JsonProperty("refreshed") int refreshed, @JsonProperty("lost") List<String> lost,
            @JsonProperty("restored") List<String> restored) {
    }

    public record SessionResponse(@JsonProperty("userId") String userId, @JsonProperty("gatewayId") String gatewayId,
            @JsonProperty("since") long since) {
    }

    public record OnlineCount(@JsonProperty("online") long online) {
    }
}
