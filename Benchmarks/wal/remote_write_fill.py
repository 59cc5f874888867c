#!/usr/bin/env python3
"""Fills a Prometheus through its remote-write receiver with the samples binwatch's
`debug wal-bench fill` gathers: N series bench_value{instance, series}, one sample every 15 s
from START_MS for MINUTES, value step * (i % 7 + 1). Sent in time order, 10 steps a request
(each series' samples ascending), protobuf encoded by hand and wrapped in snappy's block
format as literals only (valid snappy; Prometheus decodes it like any other).

usage: remote_write_fill.py URL SERIES MINUTES START_MS
"""
import struct
import sys
import urllib.request


def uvarint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def field(number, payload):
    return uvarint(number << 3 | 2) + uvarint(len(payload)) + payload


def label(name, value):
    return field(1, field(1, name.encode()) + field(2, value.encode()))


def snappy_literal(data):
    """Snappy block: uncompressed length, then literal chunks (tag 0xFC: length - 1 in the next 4 bytes)."""
    out = bytearray(uvarint(len(data)))
    chunk = 1 << 20
    for i in range(0, len(data), chunk):
        piece = data[i:i + chunk]
        out.append(0xFC)  # literal, length-1 in the next 4 bytes
        out += struct.pack("<I", len(piece) - 1)
        out += piece
    return bytes(out)


def main():
    url, series, minutes, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    steps = minutes * 4
    labels = [label("__name__", "bench_value") + label("instance", f"host-{i // 100}") + label("series", str(i))
              for i in range(series)]
    per_request = 10
    for first in range(0, steps, per_request):
        window = range(first, min(steps, first + per_request))
        parts = []
        for i in range(series):
            factor = i % 7 + 1
            samples = b"".join(field(2, b"\x09" + struct.pack("<d", float(step * factor)) + b"\x10" + uvarint(start + step * 15_000))
                               for step in window)
            parts.append(field(1, labels[i] + samples))
        body = snappy_literal(b"".join(parts))
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-protobuf", "Content-Encoding": "snappy",
            "X-Prometheus-Remote-Write-Version": "0.1.0"})
        with urllib.request.urlopen(request, timeout=300) as response:
            if response.status // 100 != 2:
                raise SystemExit(f"remote write answered {response.status}")
    print(f"sent {series * steps} samples ({series} series x {steps} steps)")


if __name__ == "__main__":
    main()
