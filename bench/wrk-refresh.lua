-- Refresh chains: every answer carries the next token, so each thread keeps a pool of its share of
-- the starting tokens (BENCH_TOKENS, one per line: one per connection and a spare per thread, since
-- wrk calls request() once before the run to check the script). A connection takes a token to send
-- and puts back the one its answer brings; the pool never runs dry, since each connection has at
-- most one request in flight. A refused refresh breaks its chain (and counts as non-2xx).
dofile('bench/wrk-report.lua')

local next_id = 0
function setup(thread)
  thread:set('id', next_id)
  next_id = next_id + 1
end

function init(args)
  local threads = tonumber(os.getenv('BENCH_THREADS'))
  tokens = {}
  local i = 0
  for line in io.lines(os.getenv('BENCH_TOKENS')) do
    if i % threads == id then table.insert(tokens, line) end
    i = i + 1
  end
end

function request()
  local token = table.remove(tokens) or 'broken-chain'
  return wrk.format('POST', nil, { ['content-type'] = 'application/json' }, '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status ~= 200 then return end
  local token = body:match('"refresh_token":"([^"]+)"')
  if token then table.insert(tokens, token) end
end
