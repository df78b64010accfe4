package com.mmorpg.gateway.world;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.internal.Sessions;
import com.mmorpg.gateway.config.GatewayProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * This gateway's side of world-directory's sessions: online, refresh, offline. Each call blocks
 * (never on an event loop) and fails with {@link ServiceUnavailableException} when the directory
 * cannot answer.
 */
@Service
public class SessionDirectory {

    private final InternalClient directory;
    private final String gatewayId;

    SessionDirectory(Backends backends, GatewayProperties properties) {
        this.directory = backends.directory();
        this.gatewayId = properties.gatewayId();
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** Marks the user online here: when the directory recorded it, and the gateway of the session it replaced (or null). */
    public Sessions.OnlineReply online(String userId) {
        InternalClient.Reply reply = directory.send("POST", Sessions.ONLINE_PATH, new Sessions.Online(userId, gatewayId));
        if (reply.status() != 200) {
            throw new ServiceUnavailableException(directory.service(), "session/online answered " + reply.status(), null);
        }
        return reply.as(Sessions.OnlineReply.class);
    }

    /** Keeps this gateway's sessions alive; returns the users whose session moved elsewhere. */
    public List<String> refresh(Collection<String> userIds) {
        InternalClient.Reply reply = directory.send("POST", Sessions.REFRESH_PATH,
                new Sessions.Refresh(gatewayId, List.copyOf(userIds)));
        if (reply.status() != 200) {
            throw new ServiceUnavailableException(directory.service(), "session/refresh answered " + reply.status(), null);
        }
        return reply.as(Sessions.RefreshReply.class).lost();
    }

    public void offline(String userId) {
        directory.send("DELETE", "/session/" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "?gatewayId="
                + URLEncoder.encode(gatewayId, StandardCharsets.UTF_8), null);
    }
}
