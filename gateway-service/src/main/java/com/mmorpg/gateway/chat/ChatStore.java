package com.mmorpg.gateway.chat;

import com.mmorpg.common.session.ChatMute;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Chat's state in Redis, shared by every gateway. Keys:
 * <ul>
 * <li>{@code chat:online:<name in lower case>} → {@code <character id> <Name> <presence>}: who is in
 * the world by name (whispers, invitations); expires unless its gateway refreshes it</li>
 * <li>{@code chat:history:map:<id>}, {@code chat:history:world}, {@code chat:history:party:<id>}: the
 * last lines as capped lists, newest first</li>
 * <li>{@code chat:mute:<user id>}: {@link ChatMute}, written by auth-service</li>
 * <li>{@code chat:blocked:<character id>}: the characters it blocks, a hash of character id → name (lower
 * case), expiring {@code block-ttl} after its last entry into the world or change. (Before blocks were by
 * character id, {@code chat:blocks:<character id>} held names: moved over at entry, see {@link #ENTER}.)</li>
 * </ul>
 * Every method may throw Spring's {@code DataAccessException} when Redis is away.
 */
@Component
class ChatStore {

    /**
     * Claims the name, then answers the mute, the party (if it still exists) and the block list (id,
     * name pairs), whose expiry starts again. A block list of the names kept before blocks were by
     * character id is moved over for every name in the world now (the others stay for a later entry).
     * KEYS: online, mute, block list, party:of. ARGV: presence value, presence ttl, block ttl.
     */
    private static final RedisScript<List> ENTER = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local party = redis.call('GET', KEYS[4])
            if party and redis.call('EXISTS', 'party:' .. party) == 0 then
              redis.call('DEL', KEYS[4])
              party = false
            end
            local legacy = 'chat:blocks:' .. KEYS[3]:sub(#'chat:blocked:' + 1)
            for _, name in ipairs(redis.call('SMEMBERS', legacy)) do
              local online = redis.call('GET', 'chat:online:' .. name)
              if online then
                redis.call('HSET', KEYS[3], string.match(online, '^(%S+)'), name)
                redis.call('SREM', legacy, name)
              end
            end
            if redis.call('EXISTS', legacy) == 1 then redis.call('PEXPIRE', legacy, ARGV[3]) end
            local result = {redis.call('GET', KEYS[2]) or '', party or ''}
            for _, value in ipairs(redis.call('HGETALL', KEYS[3])) do result[#result + 1] = value end
            if #result > 2 then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
            return result
            """, List.class);
    /** The presence under a name, unless that character blocks the asker (KEYS: online; ARGV: asker's id). */
    private static final RedisScript<String> ONLINE = RedisScript.of("""
            local value = redis.call('GET', KEYS[1])
            if not value then return false end
            local id = string.match(value, '^(%S+)')
            if id and redis.call('HEXISTS', 'chat:blocked:' .. id, ARGV[1]) == 1 then return false end
            return value
            """, String.class);
    /** Adds (ARGV[2] not empty) or removes a blocked character, and starts the list's expiry again. */
    private static final RedisScript<Long> BLOCK = RedisScript.of("""
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) else redis.call('HDEL', KEYS[1], ARGV[1]) end
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return 1
            """, Long.class);
    /** Gives the name up only if it is still this entry's (the character may have entered elsewhere since). */
    private static final RedisScript<Long> LEAVE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);
    /** Publishes a line and keeps it in its channel's history, in one step (history and delivery agree on order). */
    private static final RedisScript<Long> SAY = RedisScript.of("""
            local heard = redis.call('PUBLISH', ARGV[1], ARGV[2])
            redis.call('LPUSH', KEYS[1], ARGV[3])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[4]) - 1)
            if tonumber(ARGV[5]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
            return heard
            """, Long.class);

    /** A character found in the world by name. */
    record Online(String characterId, String name) {
    }

    /** What {@link #enter} read. */
    record Entry(long mutedUntil, String partyId, Map<String, String> blocked) {
    }

    private final StringRedisTemplate redis;

    ChatStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    Entry enter(Chatter chatter, Duration presenceTtl, Duration blockTtl) {
        List<?> answer = redis.execute(ENTER, List.of(onlineKey(chatter.name()), ChatMute.key(chatter.userId()),
                blocksKey(chatter.characterId()), partyOfKey(chatter.characterId())),
                presenceValue(chatter), String.valueOf(presenceTtl.toMillis()), String.valueOf(blockTtl.toMillis()));
        Map<String, String> blocked = new LinkedHashMap<>();
        for (int i = 2; i + 1 < answer.size(); i += 2) {
            blocked.put(String.valueOf(answer.get(i)), String.valueOf(answer.get(i + 1)));
        }
        String party = String.valueOf(answer.get(1));
        return new Entry(ChatMute.until(String.valueOf(answer.get(0))), party.isEmpty() ? null : party, blocked);
    }

    void leave(Chatter chatter) {
        redis.execute(LEAVE, List.of(onlineKey(chatter.name())), presenceValue(chatter));
    }

    /** Keeps these characters' names reachable for another {@code ttl}, in one round trip. */
    void refresh(Collection<Chatter> chatters, Duration ttl) {
        if (chatters.isEmpty()) {
            return;
        }
        redis.executePipelined((RedisCallback<Object>) connection -> {
            // the callback's connection is a plain RedisConnection (a cast to StringRedisConnection fails)
            for (Chatter chatter : chatters) {
                connection.keyCommands().pExpire(onlineKey(chatter.name()).getBytes(StandardCharsets.UTF_8), ttl.toMillis());
            }
            return null;
        });
    }

    /**
     * The character called {@code name} if it is in the world (on any gateway) and does not block the
     * character {@code askerId}, else null: to someone it blocks a character is never in the world.
     */
    Online online(String name, String askerId) {
        String value = redis.execute(ONLINE, List.of(onlineKey(name)), askerId);
        if (value == null) {
            return null;
        }
        String[] parts = value.split(" ");
        return parts.length == 3 ? new Online(parts[0], parts[1]) : null;
    }

    long muteOf(String userId) {
        return ChatMute.until(redis.opsForValue().get(ChatMute.key(userId)));
    }

    /** Publishes {@code envelope} on {@code channel} and keeps {@code entry} in {@code history}. */
    void say(String channel, String envelope, String history, String entry, int historySize, Duration historyTtl) {
        redis.execute(SAY, List.of(history), channel, envelope, entry, String.valueOf(historySize),
                String.valueOf(historyTtl.toMillis()));
    }

    /** Publishes without history (whispers, invitations, party changes). */
    void publish(String channel, String envelope) {
        redis.convertAndSend(channel, envelope);
    }

    /** The last {@code size} lines of {@code history}, oldest first. */
    List<String> history(String history, int size) {
        List<String> newestFirst = redis.opsForList().range(history, 0, size - 1L);
        List<String> lines = new ArrayList<>(newestFirst == null ? List.of() : newestFirst);
        java.util.Collections.reverse(lines);
        return lines;
    }

    void block(String characterId, String blockedId, String blockedNameLower, Duration ttl) {
        redis.execute(BLOCK, List.of(blocksKey(characterId)), blockedId, blockedNameLower, String.valueOf(ttl.toMillis()));
    }

    void unblock(String characterId, String blockedId, Duration ttl) {
        redis.execute(BLOCK, List.of(blocksKey(characterId)), blockedId, "", String.valueOf(ttl.toMillis()));
    }

    static String mapHistory(int mapId) {
        return "chat:history:map:" + mapId;
    }

    static String worldHistory() {
        return "chat:history:world";
    }

    static String partyHistory(String partyId) {
        return "chat:history:party:" + partyId;
    }

    static String partyOfKey(String characterId) {
        return "party:of:" + characterId;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String onlineKey(String name) {
        return "chat:online:" + lower(name);
    }

    static String blocksKey(String characterId) {
        return "chat:blocked:" + characterId;
    }

    private static String presenceValue(Chatter chatter) {
        return chatter.characterId() + " " + chatter.name() + " " + chatter.presence();
    }
}
