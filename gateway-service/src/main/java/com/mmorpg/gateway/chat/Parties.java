package com.mmorpg.gateway.chat;

import com.mmorpg.gateway.protocol.GameError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Parties in Redis, so they outlive any gateway: {@code party:<id>} is a hash of member id → name
 * plus {@code leader}; {@code party:of:<character id>} → the party id (where a map server finds a
 * character's party); {@code party:invite:<party id>:<character id>} → the inviter, until the
 * invitation expires. Each change is one Lua script, so two gateways never interleave one. A party
 * and its members' keys expire after {@code party-idle-ttl} without a change or a party line.
 */
@Component
class Parties {

    /** Refreshes the expiry of the party and its members' {@code party:of} keys. */
    private static final String TOUCH = """
            local function touch(party, ttl)
              redis.call('PEXPIRE', party, ttl)
              local all = redis.call('HGETALL', party)
              for i = 1, #all, 2 do
                if all[i] ~= 'leader' then redis.call('PEXPIRE', 'party:of:' .. all[i], ttl) end
              end
              return all
            end
            local function current(key)
              local id = redis.call('GET', key)
              if id and redis.call('EXISTS', 'party:' .. id) == 1 then return id end
              return false
            end
            """;
    /** KEYS: inviter's party:of, invitee's party:of, party:seq. ARGV: inviter id, inviter name, invitee id, max size, invite ttl, idle ttl. */
    private static final RedisScript<List> INVITE = RedisScript.of(TOUCH + """
            if current(KEYS[2]) then return {'ALREADY_IN_PARTY'} end
            local id = current(KEYS[1])
            if not id then
              id = tostring(redis.call('INCR', KEYS[3]))
              redis.call('HSET', 'party:' .. id, 'leader', ARGV[1], ARGV[1], ARGV[2])
              redis.call('SET', KEYS[1], id)
            elseif redis.call('HGET', 'party:' .. id, 'leader') ~= ARGV[1] then
              return {'NOT_LEADER'}
            elseif redis.call('HLEN', 'party:' .. id) - 1 >= tonumber(ARGV[4]) then
              return {'PARTY_FULL'}
            end
            redis.call('SET', 'party:invite:' .. id .. ':' .. ARGV[3], ARGV[1], 'PX', ARGV[5])
            local all = touch('party:' .. id, ARGV[6])
            local result = {'OK', id}
            for _, v in ipairs(all) do result[#result + 1] = v end
            return result
            """, List.class);
    /** KEYS: the invitee's party:of. ARGV: party id, invitee id, invitee name, max size, idle ttl. */
    private static final RedisScript<List> ACCEPT = RedisScript.of(TOUCH + """
            local invitation = 'party:invite:' .. ARGV[1] .. ':' .. ARGV[2]
            if redis.call('EXISTS', invitation) == 0 then return {'NO_INVITATION'} end
            if current(KEYS[1]) then return {'ALREADY_IN_PARTY'} end
            local party = 'party:' .. ARGV[1]
            if redis.call('EXISTS', party) == 0 then
              redis.call('DEL', invitation)
              return {'NO_INVITATION'}
            end
            if redis.call('HLEN', party) - 1 >= tonumber(ARGV[4]) then return {'PARTY_FULL'} end
            redis.call('DEL', invitation)
            redis.call('HSET', party, ARGV[2], ARGV[3])
            redis.call('SET', KEYS[1], ARGV[1])
            local all = touch(party, ARGV[5])
            local result = {'OK', ARGV[1]}
            for _, v in ipairs(all) do result[#result + 1] = v end
            return result
            """, List.class);
    /**
     * Leave (ARGV[2] empty) or kick by name (the leader only). KEYS: the actor's party:of. ARGV: actor
     * id, name to kick or '', idle ttl. Answers the party id, who left, and who is still in it (none
     * when the party ended: one member cannot be a party).
     */
    private static final RedisScript<List> REMOVE = RedisScript.of(TOUCH + """
            local id = current(KEYS[1])
            if not id then return {'NOT_IN_PARTY'} end
            local party = 'party:' .. id
            local target = ARGV[1]
            if ARGV[2] ~= '' then
              if redis.call('HGET', party, 'leader') ~= ARGV[1] then return {'NOT_LEADER'} end
              target = false
              local all = redis.call('HGETALL', party)
              for i = 1, #all, 2 do
                if all[i] ~= 'leader' and string.lower(all[i + 1]) == string.lower(ARGV[2]) then target = all[i] end
              end
              if not target then return {'NOT_A_MEMBER'} end
              if target == ARGV[1] then return {'SELF'} end
            end
            redis.call('HDEL', party, target)
            redis.call('DEL', 'party:of:' .. target)
            local result = {'OK', id, target}
            if redis.call('HLEN', party) - 1 <= 1 then
              local all = redis.call('HGETALL', party)
              redis.call('DEL', party)
              for i = 1, #all, 2 do
                if all[i] ~= 'leader' then
                  redis.call('DEL', 'party:of:' .. all[i])
                  result[#result + 1] = all[i]
                  result[#result + 1] = all[i + 1]
                end
              end
              result[1] = 'DISBANDED'
              return result
            end
            if redis.call('HGET', party, 'leader') == target then
              local all = redis.call('HGETALL', party)
              for i = 1, #all, 2 do
                if all[i] ~= 'leader' then
                  redis.call('HSET', party, 'leader', all[i])
                  break
                end
              end
            end
            local all = touch(party, ARGV[3])
            for _, v in ipairs(all) do result[#result + 1] = v end
            return result
            """, List.class);
    /** KEYS: the character's party:of. */
    private static final RedisScript<List> READ = RedisScript.of(TOUCH + """
            local id = current(KEYS[1])
            if not id then return {} end
            local result = {id}
            for _, v in ipairs(redis.call('HGETALL', 'party:' .. id)) do result[#result + 1] = v end
            return result
            """, List.class);

    /** A party: its id, its leader's character id, and its members (character id → name), leader first. */
    record Party(String id, String leader, Map<String, String> members) {
    }

    /** The outcome of a leave or a kick. */
    record Departure(String partyId, String characterId, Party remaining, Map<String, String> formerMembers) {

        boolean disbanded() {
            return remaining == null;
        }
    }

    private final StringRedisTemplate redis;
    private final int maxSize;
    private final Duration inviteTtl;
    private final Duration idleTtl;

    Parties(StringRedisTemplate redis, com.mmorpg.gateway.config.GatewayProperties properties) {
        this.redis = redis;
        this.maxSize = properties.chat().maxPartySize();
        this.inviteTtl = properties.chat().inviteTtl();
        this.idleTtl = properties.chat().partyIdleTtl();
    }

    Duration inviteTtl() {
        return inviteTtl;
    }

    Duration idleTtl() {
        return idleTtl;
    }

    /** {@code inviter} invites {@code inviteeId}; the inviter's party (made now when it had none). */
    Party invite(Chatter inviter, String inviteeId) throws GameError {
        List<?> answer = redis.execute(INVITE, List.of(ChatStore.partyOfKey(inviter.characterId()),
                ChatStore.partyOfKey(inviteeId), "party:seq"), inviter.characterId(), inviter.name(), inviteeId,
                String.valueOf(maxSize), String.valueOf(inviteTtl.toMillis()), String.valueOf(idleTtl.toMillis()));
        refuse(answer);
        return party(answer, 1);
    }

    Party accept(Chatter invitee, String partyId) throws GameError {
        List<?> answer = redis.execute(ACCEPT, List.of(ChatStore.partyOfKey(invitee.characterId())), partyId,
                invitee.characterId(), invitee.name(), String.valueOf(maxSize), String.valueOf(idleTtl.toMillis()));
        refuse(answer);
        return party(answer, 1);
    }

    Departure leave(Chatter member) throws GameError {
        return remove(member, "");
    }

    Departure kick(Chatter leader, String name) throws GameError {
        return remove(leader, name);
    }

    /** The character's party, or null. */
    Party of(String characterId) {
        List<?> answer = redis.execute(READ, List.of(ChatStore.partyOfKey(characterId)));
        return answer == null || answer.isEmpty() ? null : party(answer, 0);
    }

    private Departure remove(Chatter actor, String name) throws GameError {
        List<?> answer = redis.execute(REMOVE, List.of(ChatStore.partyOfKey(actor.characterId())), actor.characterId(),
                name, String.valueOf(idleTtl.toMillis()));
        refuse(answer);
        String partyId = String.valueOf(answer.get(1));
        String departed = String.valueOf(answer.get(2));
        if ("DISBANDED".equals(answer.getFirst())) {
            Map<String, String> former = new LinkedHashMap<>();
            for (int i = 3; i + 1 < answer.size(); i += 2) {
                former.put(String.valueOf(answer.get(i)), String.valueOf(answer.get(i + 1)));
            }
            return new Departure(partyId, departed, null, former);
        }
        List<Object> rest = new java.util.ArrayList<>(answer.subList(3, answer.size()));
        rest.addFirst(partyId);
        return new Departure(partyId, departed, party(rest, 0), Map.of());
    }

    private static void refuse(List<?> answer) throws GameError {
        String outcome = answer == null || answer.isEmpty() ? "" : String.valueOf(answer.getFirst());
        switch (outcome) {
            case "OK", "DISBANDED" -> {
            }
            case "ALREADY_IN_PARTY" -> throw new GameError("ALREADY_IN_PARTY", "That player is already in a party");
            case "NOT_LEADER" -> throw new GameError("NOT_PARTY_LEADER", "Only the party leader can do that");
            case "PARTY_FULL" -> throw new GameError("PARTY_FULL", "The party is full");
            case "NO_INVITATION" -> throw new GameError("NO_INVITATION", "No invitation to that party (it may have expired)");
            case "NOT_IN_PARTY" -> throw new GameError("NOT_IN_PARTY", "You are not in a party");
            case "NOT_A_MEMBER" -> throw new GameError("NOT_IN_PARTY", "That player is not in your party");
            case "SELF" -> throw new GameError("INVALID_MESSAGE", "Use party_leave to leave your own party");
            default -> throw new IllegalStateException("unexpected party script answer " + outcome);
        }
    }

    /** A party from {@code answer[from]} = id followed by the hash's field/value pairs. */
    private static Party party(List<?> answer, int from) {
        String id = String.valueOf(answer.get(from));
        String leader = null;
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = from + 1; i + 1 < answer.size(); i += 2) {
            String field = String.valueOf(answer.get(i));
            if (field.equals("leader")) {
                leader = String.valueOf(answer.get(i + 1));
            } else {
                others.put(field, String.valueOf(answer.get(i + 1)));
            }
        }
        Map<String, String> members = new LinkedHashMap<>();
        if (leader != null && others.containsKey(leader)) {
            members.put(leader, others.get(leader));
        }
        members.putAll(others);
        return new Party(id, leader, members);
    }
}
