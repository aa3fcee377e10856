"""Lua scripts that make the store's multi-key writes all-or-nothing.

Redis runs a script atomically: no other command runs in between, and a script whose
first write is refused (``OOM``, ``READONLY``, ``MISCONF``) has written nothing, while
one that has written once is not refused later (Redis checks memory only before a
script's first write). So a failed call leaves no half-marked batch behind:

- :data:`INGEST` marks each mention seen, claims its near-duplicate key, queues it and
  counts copies and totals, for a whole batch at once. A push answered 503 has marked
  nothing, and its retry stores every mention (``tests/redis/test_store_atomic.py``).
- :data:`FENCED_SNAPSHOT` writes the snapshot only while the leader lock holds the
  writer's token, so a loop that was paused past its lease cannot overwrite the
  snapshot of the loop that took over (:mod:`radar.leader`).

Keys are built inside the scripts from prefixes of one namespace, so every key shares
the namespace's hash tag (one Redis Cluster slot).

>>> INGEST_FIELDS
5
"""

from __future__ import annotations

INGEST_FIELDS = 5
"""Arguments per mention of :data:`INGEST`: id, near key ('' for none), JSON, source, url."""

INGEST = r"""
-- KEYS[1] mentions stream, KEYS[2] metrics hash
-- ARGV[1] ttl, ARGV[2] seen prefix, ARGV[3] near prefix, ARGV[4] copies prefix,
-- then 5 per mention: id, near key, JSON, source, url
local ttl = tonumber(ARGV[1])
local queued, exact, near = 0, 0, 0
for i = 5, #ARGV, 5 do
    local id, nkey, payload, source, url = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
    if not redis.call('set', ARGV[2] .. id, 1, 'NX', 'EX', ttl) then
        exact = exact + 1
    else
        local claimed = true
        if nkey ~= '' then
            local mine = id .. '\31' .. source .. '\31' .. url
            claimed = redis.call('set', ARGV[3] .. nkey, mine, 'NX', 'EX', ttl)
            if not claimed then
                near = near + 1
                local first = redis.call('get', ARGV[3] .. nkey)
                if first then
                    local fid, fsource, furl = string.match(first, '^([^\31]*)\31([^\31]*)\31(.*)$')
                    if not fid then fid, fsource, furl = first, '', '' end
                    -- the same feed item edited (same source and URL) is not another copy
                    if not (furl ~= '' and fsource == source and furl == url) then
                        redis.call('incr', ARGV[4] .. fid)
                        redis.call('expire', ARGV[4] .. fid, ttl)
                    end
                end
            end
        end
        if claimed then
            redis.call('xadd', KEYS[1], '*', 'm', payload)
            queued = queued + 1
        end
    end
end
-- counted here, not from XINFO's entries-added (absent before Redis 7)
redis.call('hincrby', KEYS[2], 'mentions_ingested_total', queued)
redis.call('hincrby', KEYS[2], 'mentions_duplicates_total', exact + near)
return {queued, exact, near}
"""

FENCED_SNAPSHOT = r"""
-- KEYS[1] leader lock, KEYS[2] snapshot, KEYS[3] snapshot history stream
-- ARGV[1] writer's lock token, ARGV[2] snapshot JSON, ARGV[3] history length
if redis.call('get', KEYS[1]) ~= ARGV[1] then
    return 0
end
redis.call('set', KEYS[2], ARGV[2])
redis.call('xadd', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 's', ARGV[2])
return 1
"""
