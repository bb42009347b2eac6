"""One client, each filter of events.lua: latency of pages 1..5 of GET /api/events (limit=100)."""
import json
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
base = sys.argv[1]
for f in FILTERS:
    cursor, times = None, []
    for _ in range(5):
        url = f"{base}/api/events?limit=100&{f}" + (f"&cursor={cursor}" if cursor else "")
        t = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as r:
            page = json.load(r)
        times.append((time.perf_counter() - t) * 1000)
        cursor = page["next_cursor"]
        if not cursor:
            break
    print(f"{f:50s} " + " ".join(f"{x:7.1f}" for x in times))
