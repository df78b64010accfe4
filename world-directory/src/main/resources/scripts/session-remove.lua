-- KEYS[1]: session:{userId}, KEYS[2]: sessions:online. ARGV: userId, gatewayId ('' = any).
-- A late disconnect from an old gateway must not remove the session a newer gateway owns.
if ARGV[2] ~= '' then
  local current = redis.call('HGET', KEYS[1], 'gateway_id')
  if current and current ~= ARGV[2] then
    return 0
  end
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
