-- KEYS[1]: sessions:online, KEYS[2..n]: session:{userId} of each user.
-- ARGV[1]: gatewayId, ARGV[2]: ttl (s), ARGV[3]: expiry (ms), ARGV[4..]: userIds in KEYS order.
-- Refreshes the sessions this gateway still owns; returns the users it no longer owns.
local lost = {}
for i = 2, #KEYS do
  local user = ARGV[i + 2]
  if redis.call('HGET', KEYS[i], 'gateway_id') == ARGV[1] then
    redis.call('EXPIRE', KEYS[i], ARGV[2])
    redis.call('ZADD', KEYS[1], ARGV[3], user)
  else
    table.insert(lost, user)
  end
end
return lost
