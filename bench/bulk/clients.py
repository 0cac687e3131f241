#!/usr/bin/env python3
"""Writes N client rows for the bulk-import benchmark: the sample clients (samples/clients.csv),
repeated with fresh ids and references, so every row is realistic and passes validation.

    python3 bench/bulk/clients.py 1000000 /tmp/clients-1m.csv
"""
import csv
import sys

count = int(sys.argv[1])
out = sys.argv[2]
with open("samples/clients.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)

with open(out, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    for i in range(count):
        row = list(rows[i % len(rows)])
        row[0] = str(i + 1)
        row[1] = f"B-{i + 1:07d}"
        writer.writerow(row)
