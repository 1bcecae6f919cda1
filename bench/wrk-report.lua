-- wrk's summary as one JSON line on stdout, the form bench/generator.ts reads (times in µs).
-- errors.status counts answers with a status of 400 or more.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"total":%d,"duration_us":%d,"non_2xx":%d,"errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
