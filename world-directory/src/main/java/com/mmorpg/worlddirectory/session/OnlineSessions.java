package com.mmorpg.worlddirectory.session;

import com.mmorpg.common.session.SessionReplaced;
import com.mmorpg.service.error.ApiException;
import com.mmorpg.worlddirectory.DirectoryProperties;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineResponse;
import com.mmorpg.worlddirectory.session.SessionViews.RefreshResponse;
import com.mmorpg.worlddirectory.session.SessionViews.SessionResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Who is online and through which gateway. A session is a hash {@code session:{userId}} with a TTL
 * (90 s by default) that its gateway refreshes, so the sessions of a gateway that dies expire on
 * their own; {@code sessions:online} (a sorted set scored by expiry) counts them without a scan.
 */
@Service
public class OnlineSessions {

    static final String ONLINE = "sessions:online";

    private static final Logger log = LoggerFactory.getLogger(OnlineSessions.class);
    private static final RedisScript<String> ONLINE_SCRIPT =
            RedisScript.of(new ClassPathResource("scripts/session-online.lua"), String.class);
    private static final RedisScript<Long> REMOVE_SCRIPT =
            RedisScript.of(new ClassPathResource("scripts/session-remove.lua"), Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REFRESH_SCRIPT =
            RedisScript.of(new ClassPathResource("scripts/session-refresh.lua"), List.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();

    OnlineSessions(StringRedisTemplate redis, DirectoryProperties properties) {
        this.redis = redis;
        this.ttl = properties.sessionTtl();
    }

    static String keyOf(String userId) {
        return "session:" + userId;
    }

    OnlineResponse online(String userId, String gatewayId) {
        long now = clock.millis();
        String replaced = redis.execute(ONLINE_SCRIPT, List.of(keyOf(userId), ONLINE), gatewayId,
                String.valueOf(now), String.valueOf(ttl.toSeconds()), String.valueOf(now + ttl.toMillis()), userId);
        if (replaced != null) {
            log.info("Session replaced user={} gateway={} previous_gateway={}", userId, gatewayId, replaced);
            if (!replaced.equals(gatewayId)) {
                tellReplaced(replaced, new SessionReplaced(userId, gatewayId, now));
            }
        } else {
            log.info("Session online user={} gateway={}", userId, gatewayId);
        }
        return new OnlineResponse(userId, gatewayId, now, replaced);
    }

    /**
     * Tells the previous gateway at once (Redis pub/sub, its own channel) so it drops the older
     * connection within a second; if this is lost, its next session refresh reports it.
     */
    private void tellReplaced(String previousGateway, SessionReplaced notice) {
        try {
            redis.convertAndSend(SessionReplaced.channel(previousGateway), notice.encode());
        } catch (RuntimeException e) {
            log.warn("Could not tell gateway={} that user={} moved: {}", previousGateway, notice.userId(), e.toString());
        }
    }

    RefreshResponse refresh(String gatewayId, List<String> userIds) {
        if (userIds.isEmpty()) {
            return new RefreshResponse(0, List.of(), List.of());
        }
        List<String> keys = new ArrayList<>(userIds.size() + 1);
        keys.add(ONLINE);
        userIds.forEach(user -> keys.add(keyOf(user)));
        List<String> args = new ArrayList<>(userIds.size() + 3);
        long now = clock.millis();
        args.add(gatewayId);
        args.add(String.valueOf(ttl.toSeconds()));
        args.add(String.valueOf(now + ttl.toMillis()));
        args.add(String.valueOf(now));
        args.addAll(userIds);
        List<?> answer = redis.execute(REFRESH_SCRIPT, keys, args.toArray());
        List<String> lostUsers = answer == null || answer.isEmpty() ? List.of() : strings(answer.get(0));
        List<String> restored = answer == null || answer.size() < 2 ? List.of() : strings(answer.get(1));
        if (!restored.isEmpty()) {
            log.info("Sessions restored after they expired gateway={} count={}", gatewayId, restored.size());
        }
        return new RefreshResponse(userIds.size() - lostUsers.size(), lostUsers, restored);
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
    }

    /** Removes the session; with a gateway id, only when that gateway still owns it. */
    void remove(String userId, String gatewayId) {
        Long removed = redis.execute(REMOVE_SCRIPT, List.of(keyOf(userId), ONLINE), userId,
                gatewayId == null ? "" : gatewayId);
        if (removed != null && removed == 1) {
            log.info("Session offline user={} gateway={}", userId, gatewayId == null ? "-" : gatewayId);
        }
    }

    /** The user's online session; 404 {@code SESSION_NOT_FOUND} when offline or not a user id at all. */
    public SessionResponse require(String userId) {
        if (!userId.matches(SessionViews.ID)) {
            throw new SessionNotFoundException();
        }
        return find(userId).orElseThrow(SessionNotFoundException::new);
    }

    Optional<SessionResponse> find(String userId) {
        Map<Object, Object> session = redis.opsForHash().entries(keyOf(userId));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionResponse(userId, String.valueOf(session.get("gateway_id")),
                Long.parseLong(String.valueOf(session.get("since")))));
    }

    public long countOnline() {
        redis.opsForZSet().removeRangeByScore(ONLINE, Double.NEGATIVE_INFINITY, clock.millis());
        Long count = redis.opsForZSet().zCard(ONLINE);
        return count == null ? 0 : count;
    }

    static final class SessionNotFoundException extends ApiException {
        SessionNotFoundException() {
            super(HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND", "No online session for this user");
        }
    }
}
