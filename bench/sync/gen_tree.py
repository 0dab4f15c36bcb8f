#!/usr/bin/env python3
"""Generates the sync benchmark tree, deterministically (seeded).

usage: gen_tree.py DIR [SMALL_FILES] [FOLDERS] [LARGE_FILES] [LARGE_MIB]
  default: 10,000 files of 1-64 KiB in 100 folders, plus 20 files of 32 MiB.
usage: gen_tree.py --change DIR PERCENT ROUND
  rewrites PERCENT% of the small files (every Nth), with content depending on ROUND.
"""
import os
import random
import sys


def small_name(i, folders):
    return os.path.join("d%03d" % (i % folders), "f%05d.bin" % i)


def generate(root, small, folders, large, large_mib):
    rnd = random.Random(42)
    for i in range(small):
        path = os.path.join(root, small_name(i, folders))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        size = rnd.randint(1024, 64 * 1024)
        with open(path, "wb") as f:
            f.write(rnd.randbytes(size))
    big = os.path.join(root, "large")
    os.makedirs(big, exist_ok=True)
    chunk = 1 << 20
    for j in range(large):
        with open(os.path.join(big, "blob%02d.bin" % j), "wb") as f:
            for _ in range(large_mib):
                f.write(rnd.randbytes(chunk))


def change(root, percent, round_no, small=10000, folders=100):
    step = max(1, int(100 / percent))
    rnd = random.Random(1000 + round_no)
    changed = 0
    for i in range(0, small, step):
        path = os.path.join(root, small_name(i, folders))
        with open(path, "wb") as f:
            f.write(rnd.randbytes(rnd.randint(1024, 64 * 1024)))
        changed += 1
    print(changed)


if __name__ == "__main__":
    if sys.argv[1] == "--change":
        change(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    else:
        args = [int(a) for a in sys.argv[2:]]
        defaults = [10000, 100, 20, 32]
        args = args + defaults[len(args):]
        generate(sys.argv[1], *args)
