-- One fixed request: a GET (headers come with -H), or a POST when BENCH_BODY is set: JSON unless
-- a content-type came with -H (the OAuth endpoints take forms).
dofile('bench/wrk-report.lua')

local body = os.getenv('BENCH_BODY')
if body and body ~= '' then
  wrk.method = 'POST'
  wrk.body = body
  if not wrk.headers['content-type'] then
    wrk.headers['content-type'] = 'application/json'
  end
end
