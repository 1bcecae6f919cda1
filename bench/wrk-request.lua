-- One fixed request: a GET (headers come with -H), or a JSON POST when BENCH_BODY is set.
dofile('bench/wrk-report.lua')

local body = os.getenv('BENCH_BODY')
if body and body ~= '' then
  wrk.method = 'POST'
  wrk.body = body
  wrk.headers['content-type'] = 'application/json'
end
