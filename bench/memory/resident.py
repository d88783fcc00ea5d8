#!/usr/bin/env python3
"""Resident memory of a set of processes, three ways (MiB): RSS summed, PSS summed, and every physical page
counted once (the union of their page frames, read from /proc/PID/pagemap; needs root). RSS counts a page
shared by two processes, or mapped twice in one (.NET's W^X double mapping of JIT'd code), each time; the union
is what the processes hold together.

Usage: resident.py PID...   prints: rss pss unique
"""
import struct, sys

PAGE = 4096

def frames(pid):
    seen = set()
    ranges = []
    with open(f"/proc/{pid}/smaps") as smaps:
        start = end = None
        for line in smaps:
            first = line.split(" ", 1)[0]
            if "-" in first and ":" not in first:
                start, end = (int(x, 16) for x in first.split("-"))
            elif line.startswith("Rss:") and int(line.split()[1]) > 0:
                ranges.append((start, end))
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end in ranges:
            pagemap.seek(start // PAGE * 8)
            data = pagemap.read((end - start) // PAGE * 8)
            for (entry,) in struct.iter_unpack("<Q", data):
                if entry >> 63 & 1:
                    seen.add(entry & ((1 << 55) - 1))
    return seen

def kib(pid, file, key):
    with open(f"/proc/{pid}/{file}") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0

pids = sys.argv[1:]
union = set()
for pid in pids:
    union |= frames(pid)
rss = sum(kib(p, "status", "VmRSS") for p in pids)
pss = sum(kib(p, "smaps_rollup", "Pss") for p in pids)
print(rss // 1024, pss // 1024, len(union) * PAGE // 2**20)
