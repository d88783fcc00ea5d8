#!/usr/bin/env python3
"""Memory of a running local platform, by kind of process: RSS and PSS (MiB) from /proc.

Usage: footprint.py REPO_ROOT ROOT_PID [DCP_KUBECONFIG_DIR]
Counts ROOT_PID and its descendants, every process whose command line or working folder is under
REPO_ROOT (servers that detach), and DCP's processes (command line naming the kubeconfig folder) with
their descendants.
"""
import os, sys, collections

repo, root = sys.argv[1], int(sys.argv[2])
kube = sys.argv[3] if len(sys.argv) > 3 else None

def read(pid, name):
    try:
        with open(f"/proc/{pid}/{name}", "rb") as f:
            return f.read()
    except OSError:
        return b""

procs = {}
for entry in os.listdir("/proc"):
    if not entry.isdigit():
        continue
    pid = int(entry)
    stat = read(pid, "stat").decode(errors="replace")
    if not stat:
        continue
    ppid = int(stat.rsplit(")", 1)[1].split()[1])
    cmd = read(pid, "cmdline").replace(b"\0", b" ").decode(errors="replace").strip()
    try:
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        cwd = ""
    rss = pss = 0
    for line in read(pid, "smaps_rollup").decode().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    procs[pid] = dict(ppid=ppid, cmd=cmd, cwd=cwd, rss=rss, pss=pss)

children = collections.defaultdict(list)
for pid, p in procs.items():
    children[p["ppid"]].append(pid)

chosen = set()
def take(pid):
    if pid in chosen:
        return
    chosen.add(pid)
    for child in children[pid]:
        take(child)

take(root)
for pid, p in procs.items():
    if p["cmd"] and (repo in p["cmd"] or p["cwd"].startswith(repo) or (kube and kube in p["cmd"])):
        take(pid)

def kind(p):
    c = p["cmd"]
    if "aspire.dashboard" in c.lower() or "Aspire.Dashboard" in c: return "dashboard"
    if "monitor-process" in c: return "dcp monitor-process (one per resource)"
    if "/tools/dcp" in c or c.startswith("dcp "): return "dcp (api server, controllers)"
    if "Platform.AppHost" in c or c.startswith("dotnet run") and "AppHost" in c: return "AppHost (+ dashboard in process)"
    if c.startswith("dotnet run") or "/dotnet run " in c: return "dotnet run wrappers (one per project)"
    for s in ("Platform.Gateway", "Platform.Identity", "Platform.Membership", "Platform.Notifications", "Platform.Approvals"):
        if s in c: return "services (5 projects)"
    if "postgres" in c: return "servers: postgresql"
    if "redis" in c: return "servers: redis"
    if "beam" in c or "epmd" in c or "rabbitmq" in c or "erl_child_setup" in c or "inet_gethost" in c: return "servers: rabbitmq + epmd"
    if "maildev" in c: return "servers: maildev"
    return None

totals = collections.defaultdict(lambda: [0, 0, 0])
for pid in chosen:
    p = procs.get(pid)
    if not p:
        continue
    k = kind(p)
    if k is None:
        continue
    t = totals[k]
    t[0] += 1; t[1] += p["rss"]; t[2] += p["pss"]

print(f"{'kind':45} {'procs':>5} {'RSS MiB':>8} {'PSS MiB':>8}")
for k in sorted(totals):
    n, rss, pss = totals[k]
    print(f"{k:45} {n:5} {rss/1024:8.0f} {pss/1024:8.0f}")
n = sum(t[0] for t in totals.values())
print(f"{'total':45} {n:5} {sum(t[1] for t in totals.values())/1024:8.0f} {sum(t[2] for t in totals.values())/1024:8.0f}")
