#!/bin/sh
# memory.sh SPCOMM SRC SANITIZE - the peak memory of a long document: one case of
# 8,000 named victims (bench/gen_group.py, about 3,500 pages) renders in
# under LIMIT_MB of resident memory, and its peak is less than RATIO times
# that of the same case with 1,000 victims (eight times the pages): memory
# grows more slowly than the document.  Peak RSS of the child process, as
# the kernel counts it (getrusage), not timed.  docs/limits.md, "Memory".
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"

# measured 2026-12-03: 8,000 victims 134 MB, 1,000 victims 33 MB (before the
# fixes: 1,007 MB and 101 MB; then 202 MB and 42 MB before the paths, the
# validator's scratch arena and the keys stored once)
LIMIT_MB=200
RATIO=6

unsanitized "$3"
need python3 python3

# peak N: render the N-victim case; print its peak RSS in kB
peak() {
	python3 bench/gen_group.py "$1" "$tmp/g$1.yaml" || return 1
	python3 - "$spcomm" "$tmp/g$1.yaml" "$tmp/g$1.pdf" <<'PY'
import resource, subprocess, sys
r = subprocess.run([sys.argv[1], "render", "--force", "-o", sys.argv[3], sys.argv[2]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if r.returncode != 0:
    sys.exit("render exited %d" % r.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}
small=$(peak 1000) && ok "1,000 victims rendered: peak $((small / 1024)) MB" || bad "1,000 victims: $small"
large=$(peak 8000) && ok "8,000 victims rendered: peak $((large / 1024)) MB" || bad "8,000 victims: $large"
pages=$(pdfinfo "$tmp/g8000.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -gt 3000 ] && ok "the 8,000 victims take $pages pages" || bad "8,000 victims: ${pages:-no} pages"
case $small$large in *[!0-9]*|'') finish ;; esac
[ "$large" -lt $((LIMIT_MB * 1024)) ] && ok "peak under $LIMIT_MB MB" \
	|| bad "peak $((large / 1024)) MB, over $LIMIT_MB MB"
[ "$large" -lt $((small * RATIO)) ] && ok "8x the pages, less than ${RATIO}x the memory ($large kB vs $small kB)" \
	|| bad "8x the pages took $large kB against $small kB: not under ${RATIO}x"
finish
