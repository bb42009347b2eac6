"""One client against `sitrep serve`: latency of pages 1..5 of GET /api/events (limit=100) for
each filter of events.lua and a few more lookups, then of GET /api/stats (the dashboard's call on
every filter change) per filter, five times each (first and median of the rest)."""
import json
import statistics
import sys
import time
import urllib.request

FILTERS = [
    "country=SYR&type=ASSAULT",
    "since=2015-01-01&until=2016-12-31",
    "country=NGA&min_sources=2",
    "type=PROTEST&since=2020-01-01",
    "bbox=35,33,40,37.5",
    "country=MLI&since=2005-01-01&until=2010-12-31",
    "actor=army",
    "min_sources=3",
]
# Not in the wrk mix: the lookups that used to scan every event.
EXTRA = [
    "actor=nobody-has-this-name",
    "actor=wagner",
    "bbox=36.5,35.7,36.9,36.0",
    "country=FRA&bbox=35,33,40,37.5",
]
STATS = [
    "",
    "since=2015-01-01&until=2016-12-31",
    "since=2015-03-17&until=2016-09-04",
    "country=SYR",
    "type=PROTEST",
    "country=NGA&type=ASSAULT&since=2010-01-01",
    "min_sources=2",
    "min_sources=9",
    "actor=wagner",
    "actor=army",
    "bbox=36.5,35.7,36.9,36.0",
]
base = sys.argv[1]


def get(url):
    """Milliseconds from the request to the last byte of the answer (parsing it is not timed:
    an unfiltered /api/stats over 35 years is 600 KB of JSON, which Python takes ~20 ms to read),
    and the answer."""
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        raw = r.read()
    ms = (time.perf_counter() - t) * 1000
    return ms, json.loads(raw)


print(f"{'filter':50s} ms for pages 1..5")
for f in FILTERS + EXTRA:
    cursor, times = None, []
    for _ in range(5):
        ms, page = get(f"{base}/api/events?limit=100&{f}" + (f"&cursor={cursor}" if cursor else ""))
        times.append(ms)
        cursor = page["next_cursor"]
        if not cursor:
            break
    print(f"{f:50s} " + " ".join(f"{x:7.1f}" for x in times) + f"   ({len(page['events'])} on the last page)")

print(f"\n{'GET /api/stats?':50s} {'first':>7s} {'median':>7s}   events")
for f in STATS:
    times = []
    for _ in range(5):
        ms, s = get(f"{base}/api/stats?{f}")
        times.append(ms)
    print(f"{f or '(no filter)':50s} {times[0]:7.1f} {statistics.median(times[1:]):7.1f}   {s['events']}")
