"""Samples /proc around a command: CPU cores used by the app's JVM, PostgreSQL, the load tool, and the rest."""
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def snapshot():
    per = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open("/proc/%s/comm" % pid) as f:
                comm = f.read().strip()
        except OSError:
            continue
        per[pid] = (comm, int(fields[11]) + int(fields[12]))
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    busy = sum(cpu) - cpu[3] - cpu[4]
    return per, busy, time.monotonic()


def group(comm, app_pid, pid):
    if pid == app_pid:
        return "app"
    if comm.startswith("postgres"):
        return "postgres"
    if comm in ("wrk", "pgbench"):
        return "load"
    return "other"


app_pid = sys.argv[1]
before, busy0, t0 = snapshot()
code = subprocess.call(sys.argv[2:])
after, busy1, t1 = snapshot()
seconds = t1 - t0
use = {"app": 0.0, "postgres": 0.0, "load": 0.0, "other": 0.0}
for pid, (comm, ticks) in after.items():
    start = before.get(pid, (comm, 0))[1]
    use[group(comm, app_pid, pid)] += (ticks - start) / TICK
print("CPU " + " ".join("%s=%.2f" % (k, v / seconds) for k, v in use.items()) + " machine=%.2f" % ((busy1 - busy0) / TICK / seconds))
sys.exit(code)
