#!/usr/bin/env python3
"""Turns livemachine's --stats-json into the counters ../shared/bench tabulates
(rendering lag, encoding lag, network drops), for stream_bench.sh."""
import json
import sys

stats = json.load(open(sys.argv[1]))
print(json.dumps({
    "frames_missed_rendering_lag": stats["frames_missed"],
    "frames_skipped_encoding_lag": stats["frames_skipped"],
    "frames_dropped_network": sum(o["frames_dropped"] for o in stats["outputs"]),
}))
