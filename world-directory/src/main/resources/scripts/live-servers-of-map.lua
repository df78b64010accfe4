-- KEYS[1]: the index set map:{mapId}:servers. Returns the JSON of every member whose key is
-- still alive and removes the members whose key expired: one round trip per lookup.
local ids = redis.call('SMEMBERS', KEYS[1])
local live = {}
for _, id in ipairs(ids) do
  local value = redis.call('GET', id)
  if value then
    table.insert(live, value)
  else
    redis.call('SREM', KEYS[1], id)
  end
end
return live
