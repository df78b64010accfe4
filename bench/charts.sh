#!/usr/bin/env bash
# Draws the benchmark charts shown in BENCHMARKS.md and README from the CSV files in bench/data
# (which hold the medians BENCHMARKS.md reports) with gnuplot, into docs/charts/*.png:
#   ./bench/charts.sh
# After a new benchmark round: update the CSV rows, run this, commit the CSVs and the images.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/tools.sh
need_tool gnuplot gnuplot-nox
DATA=bench/data
OUT=${OUT:-docs/charts}
mkdir -p "$OUT"

common='set terminal pngcairo size 900,520 font "sans,11"; set datafile separator ","; set key top left; set grid; set border 3; set tics nomirror'

gnuplot <<GNUPLOT
$common
set output "$OUT/map-tick.png"
set title "Map server tick at 20 Hz: p99 and its CPU time against entities (half players, half mobs)"
set xlabel "entities on the map"
set ylabel "milliseconds (budget: 50 ms per tick)"
set logscale x 2
set xtics (500, 1000, 2000, 4000)
set yrange [0:*]
plot "< grep '^move' $DATA/map-tick.csv" using 2:4 with linespoints lw 2 pt 7 title "move: tick p99", \
     "< grep '^move' $DATA/map-tick.csv" using 2:5 with linespoints lw 2 pt 6 dt 2 title "move: tick CPU p99", \
     "< grep '^fight' $DATA/map-tick.csv" using 2:4 with linespoints lw 2 pt 5 title "fight: tick p99", \
     "< grep '^fight' $DATA/map-tick.csv" using 2:5 with linespoints lw 2 pt 4 dt 2 title "fight: tick CPU p99"
GNUPLOT

gnuplot <<GNUPLOT
$common
set output "$OUT/map-cpu.png"
set title "Map server over real sockets: CPU per 1,000 players, and the load generator's own"
set xlabel "bots playing on one map server (2-core machine, generator on the same machine)"
set ylabel "% of one core per 1,000 players"
set yrange [0:*]
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
plot "< grep -v '^[#b]' $DATA/map-net.csv" using 3:xtic(1) title "map server", \
     "" using 4 title "load generator"
GNUPLOT

gnuplot <<GNUPLOT
$common
set output "$OUT/gateway-memory.png"
set title "Gateway: heap per idle authenticated WebSocket (target: 5 KB)"
set ylabel "bytes per connection"
set yrange [0:12000]
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set key top right
plot "< grep '^9' $DATA/gateway-memory.csv" using 3:xtic(sprintf("%'d held", \$2)) title "session 9: Spring WebSocket on Jetty", \
     "< grep '^10' $DATA/gateway-memory.csv" using 3 title "session 10: Jetty WebSocket core", \
     5120 with lines lw 2 dt 2 lc rgb "red" title "target"
GNUPLOT

ls -1 "$OUT"/*.png
