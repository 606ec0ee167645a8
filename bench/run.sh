#!/bin/sh
# bench/run.sh: the spcomm benchmark, one command.  Builds nothing.
#
#   bench/run.sh [--spcomm PATH] [-n N] [--linearity 1000,10000] [--seed S] [--keep] ...
#
# Defaults: the binary build-bench/src/spcomm, 200 generated cases.  Runs, in
# one go on the same cases: spcomm batch -j1 and -j2, 20 cold `spcomm render`
# of one 3-page English case, ReportLab (one Python process, all cases),
# WeasyPrint (30 cases), pandoc+xelatex if installed (10 cases, -j2); prints a
# Markdown report and writes it to bench/results-latest.md.
# `bench/bench.py --help` lists every option.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/bench.py" "$@"
