-- wrk script for `bench/api/run.sh`: filtered, paginated GET /api/events.
-- Each connection takes a filter, follows next_cursor for up to PAGES pages, then moves to the
-- next filter; so the load mixes first pages and deep pages of different filters.
local filters = {
  "country=SYR&type=ASSAULT",
  "since=2015-01-01&until=2016-12-31",
  "country=NGA&min_sources=2",
  "type=PROTEST&since=2020-01-01",
  "bbox=35,33,40,37.5",
  "country=MLI&since=2005-01-01&until=2010-12-31",
  "actor=army",
  "min_sources=3",
}
-- BENCH_SKIP=bbox drops the filters that contain that word (to measure the rest alone).
local skip = os.getenv("BENCH_SKIP")
if skip and skip ~= "" then
  local kept = {}
  for _, f in ipairs(filters) do
    if not string.find(f, skip, 1, true) then kept[#kept + 1] = f end
  end
  filters = kept
end
local PAGES = 5
local LIMIT = 100

local n = 0
local filter = 1
local page = 0
local cursor = nil

function setup(thread)
  n = n + 1
  thread:set("id", n)
end

function init(args)
  filter = (id or 1) % #filters + 1
end

request = function()
  local path = "/api/events?limit=" .. LIMIT .. "&" .. filters[filter]
  if cursor then path = path .. "&cursor=" .. cursor end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  if status ~= 200 then
    cursor = nil
    page = 0
    filter = filter % #filters + 1
    return
  end
  cursor = string.match(body, '"next_cursor":"([^"]+)"')
  page = page + 1
  if cursor == nil or page >= PAGES then
    cursor = nil
    page = 0
    filter = filter % #filters + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format(
    "requests %d, errors (non-2xx) %d, timeouts %d, %.0f req/s\n",
    summary.requests, summary.errors.status, summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%-5s %8.2f ms\n", tostring(p), latency:percentile(p) / 1000))
  end
  io.write(string.format("max    %8.2f ms\n", latency.max / 1000))
end
