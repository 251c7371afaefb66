-- wrk script for bench/load: one machine-readable line with throughput, latency and errors,
-- server errors (5xx) counted apart from the other statuses of 400 or more (errors.status).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   server_errors = 0
end

function response(status, headers, body)
   if status >= 500 then
      server_errors = server_errors + 1
   end
end

function done(summary, latency, requests)
   local server = 0
   for _, thread in ipairs(threads) do
      server = server + thread:get("server_errors")
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,'
         .. '"write":%d,"status":%d,"timeout":%d,"server":%d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.connect, e.read, e.write, e.status, e.timeout, server))
end
