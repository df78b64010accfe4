-- KEYS[1]: session:{userId} (hash), KEYS[2]: sessions:online (zset, score = expiry in ms)
-- ARGV: gatewayId, since (ms), ttl (s), expiry (ms), userId. Returns the gateway of the replaced session, if any.
local previous = redis.call('HGET', KEYS[1], 'gateway_id')
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'gateway_id', ARGV[1], 'since', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
return previous
