-- KEYS[1]: sessions:online, KEYS[2..n]: session:{userId} of each user.
-- ARGV[1]: gatewayId, ARGV[2]: ttl (s), ARGV[3]: expiry (ms), ARGV[4]: now (ms), ARGV[5..]: userIds in KEYS order.
-- Refreshes the sessions this gateway still owns and restores those that expired meanwhile (an
-- outage of the directory or of Redis longer than the TTL: nobody else claimed them, the player is
-- still connected here). Returns {lost, restored}: lost = users whose session another gateway owns.
local lost = {}
local restored = {}
for i = 2, #KEYS do
  local user = ARGV[i + 3]
  local owner = redis.call('HGET', KEYS[i], 'gateway_id')
  if owner == ARGV[1] then
    redis.call('EXPIRE', KEYS[i], ARGV[2])
    redis.call('ZADD', KEYS[1], ARGV[3], user)
  elseif not owner then
    redis.call('HSET', KEYS[i], 'gateway_id', ARGV[1], 'since', ARGV[4])
    redis.call('EXPIRE', KEYS[i], ARGV[2])
    redis.call('ZADD', KEYS[1], ARGV[3], user)
    table.insert(restored, user)
  else
    table.insert(lost, user)
  end
end
return {lost, restored}
