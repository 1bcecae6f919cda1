-- One fixed request: a GET (headers come with -H), or a POST when BENCH_BODY is set: JSON unless
-- a content-type came with -H (the OAuth endpoints take forms). A body holding {{n}} is made
-- anew for every request, {{n}} replaced by a number no other request of the run uses (each
-- thread counts from its own random start), so caches of answers cannot serve the run.
dofile('bench/wrk-report.lua')

local body = os.getenv('BENCH_BODY')
if body and body ~= '' then
  wrk.method = 'POST'
  wrk.body = body
  if not wrk.headers['content-type'] then
    wrk.headers['content-type'] = 'application/json'
  end
  if body:find('{{n}}', 1, true) then
    local counter = 0
    request = function()
      if counter == 0 then
        math.randomseed(os.time() + tonumber(tostring({}):match('0x(%x+)') or '0', 16))
        counter = math.random(1, 2 ^ 40)
      end
      counter = counter + 1
      return wrk.format(nil, nil, nil, (body:gsub('{{n}}', tostring(counter))))
    end
  end
end
