#!/usr/bin/env python3
"""Reference numbers for scripts/bench/rpc.ts: python3-libvirt doing the same calls
sequentially on one connection. Prints one JSON object: {op: calls_per_second}."""
import json
import sys
import time

import libvirt

uri, count = sys.argv[1], int(sys.argv[2])
conn = libvirt.open(uri)
ops = {
    "CONNECT_GET_VERSION": lambda: conn.getVersion(),
    "CONNECT_LIST_ALL_DOMAINS": lambda: conn.listAllDomains(0),
    "CONNECT_GET_ALL_DOMAIN_STATS": lambda: conn.getAllDomainStats(0, 0),
}
only = sys.argv[3].split(",") if len(sys.argv) > 3 else list(ops)
out = {}
for name in only:
    fn = ops[name]
    n = max(1, count // 10) if name == "CONNECT_GET_ALL_DOMAIN_STATS" else count
    fn()
    start = time.perf_counter()
    for _ in range(n):
        fn()
    out[name] = n / (time.perf_counter() - start)
conn.close()
print(json.dumps(out))
