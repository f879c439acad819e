#!/usr/bin/env bash
# make bench: throughput and memory of the full Riposte pipeline, against a raw ICU word-break pass
# over the same bytes (the ceiling), with 1 job and with every core. Not a test: it prints figures.
#   BENCH_MB=50      size of the assembled corpus in MB (real documents of Corpora/documents.jsonl, repeated)
#   BENCH_JOBS=N     the "all cores" job count (default: nproc)
#   BENCH_TIMEOUT=S  seconds allowed per measured run (default 1800): a crashed run whose backtrace
#                    hangs must not hang the benchmark
set -uo pipefail
cd "$(dirname "$0")/.."

MB=${BENCH_MB:-50}
CORES=${BENCH_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
OUT=bench-out
SOURCE=Corpora/documents.jsonl
mkdir -p "$OUT"

echo "== building riposte (release)" >&2
swift build -c release --product riposte >&2 || { echo "bench: release build failed" >&2; exit 1; }
BIN="$(swift build -c release --show-bin-path)/riposte"
[ -x "$BIN" ] || { echo "bench: $BIN not found" >&2; exit 1; }

# The corpus: the real documents repeated until it holds MB megabytes; each copy gets its own ids.
CORPUS="$OUT/corpus-${MB}mb.jsonl"
want=$((MB * 1000000))
if [ ! -s "$CORPUS" ] || [ "$(wc -c < "$CORPUS")" -lt "$want" ]; then
  echo "== assembling $CORPUS from $SOURCE" >&2
  : > "$CORPUS.tmp"
  k=0
  while [ "$(wc -c < "$CORPUS.tmp")" -lt "$want" ]; do
    k=$((k + 1))
    sed -E "s/^\{\"id\": \"([^\"]*)\"/{\"id\": \"\1~$k\"/" "$SOURCE" >> "$CORPUS.tmp"
  done
  mv "$CORPUS.tmp" "$CORPUS"
fi
BYTES=$(wc -c < "$CORPUS")
DOCS=$(wc -l < "$CORPUS")
echo "== corpus: $DOCS documents, $BYTES bytes; $CORES cores; ICU $(ldconfig -p 2>/dev/null | grep -o 'libicuuc.so.[0-9]*' | head -1)" >&2

TIMEOUT=()
command -v timeout >/dev/null && TIMEOUT=(timeout "${BENCH_TIMEOUT:-1800}")
HAVE_TIME=0
/usr/bin/time -v true >/dev/null 2>&1 && HAVE_TIME=1
STATUS=0
ROWS=()

# run LABEL JOBS OUTPUT COMMAND...: one measured run; appends a table row.
run() {
  local label=$1 jobs=$2 output=$3; shift 3
  local err="$OUT/stderr.txt"
  echo "== $label, $jobs job(s)" >&2
  if [ "$HAVE_TIME" = 1 ]; then
    "${TIMEOUT[@]}" /usr/bin/time -v "$@" < "$CORPUS" > "$output" 2> "$err"
  else
    "${TIMEOUT[@]}" "$@" < "$CORPUS" > "$output" 2> "$err"
  fi
  local summary mbs docs rss secs
  summary=$(grep -E '^(riposte|icu-word-break): ' "$err" | tail -1)
  if [ -z "$summary" ]; then
    echo "bench: $label ($jobs jobs) gave no summary; stderr:" >&2; tail -5 "$err" >&2
    ROWS+=("| $label | $jobs | FAILED | | | | | |"); STATUS=1; return
  fi
  echo "   $summary" >&2
  mbs=$(sed -nE 's/.* = ([0-9.]+) MB\/s.*/\1/p' <<< "$summary")
  docs=$(sed -nE 's/.*, ([0-9.]+) docs\/s.*/\1/p' <<< "$summary")
  secs=$(sed -nE 's/.* MB in ([0-9.]+) s .*/\1/p' <<< "$summary")
  rss=$(sed -nE 's/.*peak RSS ([0-9]+) MB.*/\1/p' <<< "$summary")
  # CPU seconds (user + system): on a shared machine, MB per CPU-second is the figure that other
  # processes do not distort.
  local cpu="" percpu="n/a"
  if [ "$HAVE_TIME" = 1 ]; then
    local kb u s; kb=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+).*/\1/p' "$err")
    [ -n "$kb" ] && rss=$((kb / 1024))
    u=$(sed -nE 's/.*User time \(seconds\): ([0-9.]+).*/\1/p' "$err"); s=$(sed -nE 's/.*System time \(seconds\): ([0-9.]+).*/\1/p' "$err")
    cpu=$(awk -v u="${u:-0}" -v s="${s:-0}" 'BEGIN { printf "%.2f", u + s }')
    percpu=$(awk -v b="$BYTES" -v c="$cpu" 'BEGIN { if (c > 0) printf "%.2f", b / 1e6 / c; else print "n/a" }')
  fi
  ROWS+=("| $label | $jobs | $mbs | $docs | $rss | $secs | $cpu | $percpu |")
  eval "C_${label//[^a-z]/_}_$jobs=$percpu"
  eval "R_${label//[^a-z]/_}_$jobs=$mbs"
}

run icu 1 /dev/null "$BIN" bench-icu --jobs 1
run icu "$CORES" /dev/null "$BIN" bench-icu --jobs "$CORES"
run pipeline 1 "$OUT/out-1.jsonl" "$BIN" extract --jsonl --jobs 1
run pipeline "$CORES" "$OUT/out-n.jsonl" "$BIN" extract --jsonl --jobs "$CORES"

# Sanity: one output line per input line, and the same bytes whatever the job count.
for f in "$OUT/out-1.jsonl" "$OUT/out-n.jsonl"; do
  [ -f "$f" ] && [ "$(wc -l < "$f")" -ne "$DOCS" ] && { echo "bench: $f has $(wc -l < "$f") lines for $DOCS documents" >&2; STATUS=1; }
done
if cmp -s "$OUT/out-1.jsonl" "$OUT/out-n.jsonl"; then SAME="identical"; else SAME="DIFFERENT"; STATUS=1; fi
rm -f "$OUT/out-1.jsonl" "$OUT/out-n.jsonl"

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
speedup() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }

echo
echo "Riposte benchmark: $DOCS documents, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of real French and English text (Corpora/documents.jsonl repeated), $(uname -m), $CORES cores"
echo
echo "| pass | jobs | MB/s | docs/s | peak RSS (MB) | wall s | CPU s | MB per CPU-s |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "- pipeline / raw ICU word break, 1 job: $(ratio "${R_pipeline_1:-}" "${R_icu_1:-}") of the wall-clock throughput, $(ratio "${C_pipeline_1:-}" "${C_icu_1:-}") per CPU-second (target >= 25%)"
echo "- pipeline scaling, $CORES jobs vs 1: $(speedup "$(eval echo "\${R_pipeline_$CORES:-}")" "${R_pipeline_1:-}")"
echo "- output with 1 and $CORES jobs: $SAME"
echo "- load average during the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a) (other processes share these cores when it exceeds $CORES)"
exit $STATUS
