#!/usr/bin/env bash
# Helpers for the benchmarks' summary tables.
# median: the median of the numbers on stdin, one per line ("n/a" for none).
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else print a[int((NR + 1) / 2)]}'; }
# field <file> <extended regex with one group>: the group from the first matching line.
field() { sed -nE "s#$2#\\1#p" "$1" | head -n 1; }
