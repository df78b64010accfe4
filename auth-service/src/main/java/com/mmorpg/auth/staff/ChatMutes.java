package com.mmorpg.auth.staff;

import com.mmorpg.common.session.ChatMute;
import com.mmorpg.common.session.StaffNotice;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Chat mutes, which live with the rest of chat's state in Redis ({@link ChatMute}: every gateway
 * reads it when a character enters the world) and are told to the gateways at once
 * ({@link StaffNotice.Mute}), so a muted player falls silent mid-sentence. Redis being away fails the
 * request (503): a mute that silently did not happen would be worse.
 */
@Service
class ChatMutes {

    private final StringRedisTemplate redis;
    private final StaffNotices notices;

    ChatMutes(StringRedisTemplate redis, StaffNotices notices) {
        this.redis = redis;
        this.notices = notices;
    }

    /** Mutes for {@code duration} (null: until lifted); how many gateways were told now. */
    long mute(long accountId, Duration duration) {
        ChatMute mute = new ChatMute(String.valueOf(accountId),
                duration == null ? ChatMute.FOREVER : Instant.now().plus(duration).toEpochMilli());
        if (mute.forever()) {
            redis.opsForValue().set(mute.key(), mute.value());
        } else {
            redis.opsForValue().set(mute.key(), mute.value(), duration);
        }
        return notices.tell(new StaffNotice.Mute(mute));
    }

    void lift(long accountId) {
        String userId = String.valueOf(accountId);
        redis.delete(ChatMute.key(userId));
        notices.tell(new StaffNotice.Mute(new ChatMute(userId, 0)));
    }

    /** Until when the account is muted: null when it is not, {@code "forever"} or an instant. */
    String mutedUntil(long accountId) {
        long until = ChatMute.until(redis.opsForValue().get(ChatMute.key(String.valueOf(accountId))));
        if (until == 0 || until <= System.currentTimeMillis()) {
            return null;
        }
        return until == ChatMute.FOREVER ? "forever" : Instant.ofEpochMilli(until).toString();
    }
}
