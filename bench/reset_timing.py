"""Answers to password-reset requests for a registered and an unknown address, timed by one
client on one kept-alive connection and interleaved (registered, unknown, unknown,
registered, ...), so that the machine's drift and the mail worker's passes fall on both
alike. Prints the two medians in microseconds and the number of requests.

Usage: reset_timing.py HOST PORT SECONDS REGISTERED_ADDRESS UNKNOWN_ADDRESS
"""

import http.client
import json
import statistics
import sys
import time


def main() -> None:
    host, port, seconds, known, unknown = sys.argv[1:6]
    conn = http.client.HTTPConnection(host, int(port))
    headers = {"Content-Type": "application/json"}
    bodies = {who: json.dumps({"email": address}) for who, address in (("known", known), ("unknown", unknown))}
    times = {"known": [], "unknown": []}
    order = ("known", "unknown", "unknown", "known")
    end = time.monotonic() + float(seconds)
    n = 0
    while time.monotonic() < end:
        who = order[n % 4]
        n += 1
        start = time.perf_counter_ns()
        conn.request("POST", "/api/v1/password-resets", bodies[who], headers)
        answer = conn.getresponse()
        answer.read()
        took = time.perf_counter_ns() - start
        if answer.status != 202:
            sys.exit(f"a reset request was answered {answer.status}")
        times[who].append(took / 1000)
    print("%.1f %.1f %d" % (statistics.median(times["known"]), statistics.median(times["unknown"]), n))


if __name__ == "__main__":
    main()
