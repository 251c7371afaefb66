-- wrk script for bench/pages' cached mode: the summary of report.lua, and the number of answers
-- that did not come from the page cache (neither "X-Page-Cache: hit" from the application nor
-- "nginx" from a file nginx served itself), which makes the run fail.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   misses = 0
end

function response(status, headers, body)
   local marker = headers["X-Page-Cache"] or headers["x-page-cache"]
   if marker ~= "hit" and marker ~= "nginx" then
      misses = misses + 1
   end
end

function done(summary, latency, requests)
   local misses = 0
   for _, thread in ipairs(threads) do
      misses = misses + thread:get("misses")
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,'
         .. '"p99_us":%d,"max_us":%d,"mean_us":%.1f,"connect":%d,"read":%d,"write":%d,'
         .. '"status":%d,"timeout":%d,"misses":%d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, latency.mean,
      e.connect, e.read, e.write, e.status, e.timeout, misses))
end
