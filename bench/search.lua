-- wrk script for bench/serve.sh: each connection walks a list of `/api/search?…` paths
-- (written by `whosaid-eval bench-search --urls`), starting at a different place per
-- thread, and counts answers by status so that the run can prove it had zero errors.
local paths = {}
local next_path = 0
statuses = {} -- global: done() reads it through thread:get

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
  next_path = math.random(#paths)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  -- Per-thread counters are read through each thread's state.
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      if status == 200 then total_ok = total_ok + n else total_other = total_other + n end
    end
  end
  io.write(string.format("STATUS ok=%d other=%d socket_errors=%d\n", total_ok, total_other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("LATENCY p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f rps=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
