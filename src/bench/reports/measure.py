"""Times reports and the journal export over the public API for one large company; prints RESULT lines.

Usage: measure.py BASE TOKEN COMPANY APP_PID REPEATS
"""
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

base, token, company, app_pid, repeats = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
url = urllib.parse.urlparse(base)
prefix = "/api/v1/companies/%s" % company
WARMUP_CALLS = 5

# The ranges a bookkeeper asks for: whole year and quarter (monthly balances only), ranges that
# start and end mid-month (entries at both edges), short ranges inside one month, one day.
REPORTS = [
    ("trial balance, whole year", "/reports/trial-balance?from=2026-01-01&to=2026-12-31"),
    ("trial balance, whole quarter", "/reports/trial-balance?from=2026-04-01&to=2026-06-30"),
    ("trial balance, 17 March to 14 September", "/reports/trial-balance?from=2026-03-17&to=2026-09-14"),
    ("trial balance, 16 March to 15 September", "/reports/trial-balance?from=2026-03-16&to=2026-09-15"),
    ("trial balance, 10 to 20 May", "/reports/trial-balance?from=2026-05-10&to=2026-05-20"),
    ("trial balance, 2 to 30 May", "/reports/trial-balance?from=2026-05-02&to=2026-05-30"),
    ("trial balance, one day", "/reports/trial-balance?from=2026-08-13&to=2026-08-13"),
    ("profit and loss, 17 March to 14 September", "/reports/profit-and-loss?from=2026-03-17&to=2026-09-14"),
    ("balance sheet at 14 September", "/reports/balance-sheet?at=2026-09-14"),
]


def connection():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def get(conn, path):
    conn.request("GET", prefix + path, headers={"Authorization": "Bearer " + token})
    answer = conn.getresponse()
    body = answer.read()
    if answer.status != 200:
        raise SystemExit("GET %s answered %d: %s" % (path, answer.status, body[:300]))
    return body


def time_report(name, path):
    conn = connection()
    for _ in range(WARMUP_CALLS):
        get(conn, path)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        get(conn, path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print("RESULT report name=%s median_ms=%.1f p95_ms=%.1f max_ms=%.1f" % (name.replace(" ", "_"), statistics.median(times), p95, times[-1]))


def heap_used_mb():
    """Old generation and whole heap in use, from jstat (KB columns)."""
    out = subprocess.run([os.environ.get("JSTAT", "jstat"), "-gc", app_pid], capture_output=True, text=True, check=True).stdout.split("\n")
    head, row = out[0].split(), out[1].split()
    col = dict(zip(head, (float(v) for v in row)))
    young = col["S0U"] + col["S1U"] + col["EU"]
    return col["OU"] / 1024, (young + col["OU"]) / 1024


def time_export():
    samples = []
    running = threading.Event()
    running.set()

    def sample():
        while running.is_set():
            samples.append(heap_used_mb())
            time.sleep(0.1)

    old_before, heap_before = heap_used_mb()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    conn = connection()
    start = time.perf_counter()
    conn.request("GET", prefix + "/exports/journal.ledger?from=2026-01-01&to=2026-12-31", headers={"Authorization": "Bearer " + token})
    answer = conn.getresponse()
    first = answer.read(1)
    first_byte_ms = (time.perf_counter() - start) * 1000
    size = len(first)
    transactions = 0
    carry = first
    while True:
        chunk = answer.read(1 << 16)
        if not chunk:
            break
        size += len(chunk)
        # a transaction starts with its date at the start of a line; keep a little of the last chunk for one cut in two
        transactions += (carry + chunk).count(b"\n2026-") - carry.count(b"\n2026-")
        carry = chunk[-8:]
    total_s = time.perf_counter() - start
    running.clear()
    sampler.join()
    if answer.status != 200:
        raise SystemExit("export answered %d" % answer.status)
    old_peak = max(s[0] for s in samples)
    heap_peak = max(s[1] for s in samples)
    print("RESULT export status=%d transfer=%s first_byte_ms=%.0f seconds=%.2f megabytes=%.1f transactions=%d old_gen_before_mb=%.0f "
          "old_gen_peak_mb=%.0f heap_before_mb=%.0f heap_peak_mb=%.0f"
          % (answer.status, answer.getheader("Transfer-Encoding", "length"), first_byte_ms, total_s, size / 1e6, transactions,
             old_before, old_peak, heap_before, heap_peak))


for name, path in REPORTS:
    time_report(name, path)
time_export()
