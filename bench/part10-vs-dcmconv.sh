#!/usr/bin/env bash
# Part 10 read+write throughput: NodeAgent.Dicom against DCMTK's dcmconv, on the same files, in the same run.
#
#   bash bench/part10-vs-dcmconv.sh
#
# Builds (publishes) bench/NodeAgent.Bench in Release, generates a 512x512 16-bit CT and a ~200 MB Enhanced CT
# under a temporary directory in /tmp (deleted at the end), then times, for each file:
#   NodeAgent, in-process     N read+writes in one process (DicomFile.Open + Save), after one warm-up
#   NodeAgent, process/file   N processes of `NodeAgent.Bench convert IN OUT` (Open + Save and nothing else;
#                             .NET start-up, JIT and static tables included, as dcmconv's start-up is)
#   dcmconv +te, process/file N processes of `dcmconv +te IN OUT` (read any syntax, write Explicit VR LE)
# and prints one table: ms per file, MB/s (input bytes, 10^6 per MB), the ratio of our MB/s to dcmconv's,
# CPU time per file and peak memory. hyperfine is used when installed (apt-get install -y hyperfine),
# otherwise a plain loop timed with date +%s%N. Each per-process measurement starts with one untimed run,
# so the page cache is warm for every peer alike.
#
# Environment: CT_ITERATIONS (default 300), MF_ITERATIONS (default 5), FRAMES (default 400),
# READY_TO_RUN (1, the default, publishes ReadyToRun code; 0 publishes IL only), PHASES=1 (adds the
# harness's per-phase breakdown to its in-process output), TIMER=loop (the date loop even when hyperfine is
# installed), KEEP=1 (keeps the temporary directory).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CT_ITERATIONS="${CT_ITERATIONS:-300}"
MF_ITERATIONS="${MF_ITERATIONS:-5}"
FRAMES="${FRAMES:-400}"
READY_TO_RUN="${READY_TO_RUN:-1}"
PHASES="${PHASES:-0}"
KEEP="${KEEP:-0}"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

for tool in dotnet dcmconv dcmdump; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed (dcmconv and dcmdump: apt-get install -y dcmtk)" >&2; exit 1; }
done
HYPERFINE="$([[ "${TIMER:-}" == loop ]] || command -v hyperfine || true)"
GNU_TIME="$([[ -x /usr/bin/time ]] && echo /usr/bin/time || true)"

WORK="$(mktemp -d /tmp/nodeagent-bench.XXXXXX)"
cleanup() { if [[ "$KEEP" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
mkdir -p "$WORK/in" "$WORK/out" "$WORK/results"

section() { printf '\n===== %s =====\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

section "machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpus:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "tmp fs:  $(df -T /tmp | awk 'NR == 2 {print $2}')"
echo ".NET:    $(dotnet --version) (SDK)"
echo "dcmconv: $(dcmconv --version | awk 'NR == 1 {print $2, $3}')"
if [[ -n "$HYPERFINE" ]]; then echo "timing:  $("$HYPERFINE" --version)"; else echo "timing:  date +%s%N loop"; fi
echo "load:    $(load) (1, 5, 15 min) before the run"

section "build"
PUBLISH_ARGS=(-c Release -o "$WORK/publish" --nologo -v quiet)
if [[ "$READY_TO_RUN" == 1 ]]; then
    RID="$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')"
    PUBLISH_ARGS+=(-r "$RID" --self-contained false -p:PublishReadyToRun=true)
fi
dotnet publish "$REPO/bench/NodeAgent.Bench/NodeAgent.Bench.csproj" "${PUBLISH_ARGS[@]}"
HARNESS="$WORK/publish/NodeAgent.Bench"
echo "published $HARNESS (ReadyToRun: $READY_TO_RUN)"

section "inputs"
"$HARNESS" generate "$WORK/in" --frames "$FRAMES"
CT="$WORK/in/ct-512x512x16.dcm"
MF="$WORK/in/enhanced-ct-multiframe.dcm"

# Times N runs of a command, one process each, after one untimed run; prints "wall_ms cpu_ms" per run.
time_processes() {
    local runs=$1 name=$2
    shift 2
    if [[ -n "$HYPERFINE" ]]; then
        # hyperfine's warnings about outliers on a busy machine go to a file; the load average is printed instead.
        "$HYPERFINE" -N --style none --warmup 1 --runs "$runs" --export-csv "$WORK/results/$name.csv" "$*" \
            >"$WORK/results/$name.log" 2>&1 || { cat "$WORK/results/$name.log" >&2; return 1; }
        awk -F, 'NR == 2 {printf "%.4f %.4f\n", $2 * 1000, ($5 + $6) * 1000}' "$WORK/results/$name.csv"
        return
    fi

    "$@" >/dev/null
    local start end i
    # `times` must run in this shell, not in a $(...) subshell, to see this shell's children.
    times >"$WORK/results/times.before"
    start="$(date +%s%N)"
    for ((i = 0; i < runs; i++)); do
        "$@" >/dev/null
    done
    end="$(date +%s%N)"
    times >"$WORK/results/times.after"
    awk -v w=$((end - start)) -v c0="$(children_cpu_ms "$WORK/results/times.before")" \
        -v c1="$(children_cpu_ms "$WORK/results/times.after")" -v n="$runs" \
        'BEGIN {printf "%.4f %.4f\n", w / 1e6 / n, (c1 - c0) / n}'
}

# User + system CPU of finished children, in ms, from the output of bash's `times` (second line: "0m1.234s 0m0.567s").
children_cpu_ms() {
    awk 'NR == 2 {
        total = 0
        for (f = 1; f <= 2; f++) { split($f, p, "m"); sub("s", "", p[2]); total += p[1] * 60000 + p[2] * 1000 }
        printf "%.3f\n", total }' "$1"
}

# Peak resident set of one run of a command, in MiB ("n/a" without GNU time).
peak_rss_mib() {
    if [[ -z "$GNU_TIME" ]]; then echo "n/a"; return; fi
    "$GNU_TIME" -f '%M' -o "$WORK/results/rss" "$@" >/dev/null
    awk '{printf "%.1f\n", $1 / 1024}' "$WORK/results/rss"
}

# Writes back what the previous peer left dirty, so no peer pays for another's writeback.
settle() { sync; }

ROWS=()
measure_file() {
    local input=$1 iterations=$2 label
    label="$(basename "$input")"
    local bytes
    bytes="$(stat -c %s "$input")"

    section "$label: $bytes bytes, $iterations iterations"
    local phases=()
    [[ "$PHASES" == 1 ]] && phases=(--phases)
    settle
    "$HARNESS" readwrite "$input" "$WORK/out" --iterations "$iterations" --warmup 1 "${phases[@]}" | tee "$WORK/results/$label.inproc"
    local result
    result="$(grep '^RESULT ' "$WORK/results/$label.inproc")"
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
    local ours_ms ours_cpu ours_rss
    ours_ms="$(field ms_per_iter)"
    ours_cpu="$(field cpu_ms_per_iter)"
    ours_rss="$(awk -v b="$(field peak_ws)" 'BEGIN {printf "%.1f", b / 1048576}')"

    echo "dcmconv +te, $iterations processes ..."
    settle
    local dcmconv_out="$WORK/out/dcmconv-$label"
    time_processes "$iterations" "dcmconv-$label" dcmconv +te "$input" "$dcmconv_out" >"$WORK/results/timing"
    read -r dcm_ms dcm_cpu <"$WORK/results/timing"
    local dcm_rss
    dcm_rss="$(peak_rss_mib dcmconv +te "$input" "$dcmconv_out")"

    echo "NodeAgent.Bench convert, $iterations processes ..."
    settle
    local ours_out="$WORK/out/nodeagent-$label"
    time_processes "$iterations" "nodeagent-process-$label" "$HARNESS" convert "$input" "$ours_out" >"$WORK/results/timing"
    read -r proc_ms proc_cpu <"$WORK/results/timing"
    local proc_rss
    proc_rss="$(peak_rss_mib "$HARNESS" convert "$input" "$ours_out")"

    check_outputs "$input" "$ours_out" "$dcmconv_out"

    ROWS+=("$label|$bytes|NodeAgent, in-process (1 process)|$iterations|$ours_ms|$dcm_ms|$ours_cpu|$ours_rss")
    ROWS+=("$label|$bytes|NodeAgent, one process per file|$iterations|$proc_ms|$dcm_ms|$proc_cpu|$proc_rss")
    ROWS+=("$label|$bytes|dcmconv +te, one process per file|$iterations|$dcm_ms|$dcm_ms|$dcm_cpu|$dcm_rss")
}

# Both outputs must parse, and end with the same pixel data bytes as the input.
check_outputs() {
    local input=$1 ours=$2 theirs=$3 pixel_bytes
    pixel_bytes="$(dcmdump -q +P 7fe0,0010 "$input" | sed -n 's/.*# *\([0-9]*\),.*/\1/p')"
    for output in "$ours" "$theirs"; do
        if dcmdump -q "$output" 2>&1 >/dev/null | grep -q .; then
            echo "error: dcmdump reports problems in $output" >&2; exit 1
        fi
        if ! cmp -s <(tail -c "$pixel_bytes" "$input") <(tail -c "$pixel_bytes" "$output"); then
            echo "error: the pixel data of $output differs from the input" >&2; exit 1
        fi
    done
    echo "outputs checked: both parse with dcmdump; pixel data ($pixel_bytes bytes) identical to the input;" \
         "sizes: ours $(stat -c %s "$ours"), dcmconv $(stat -c %s "$theirs")"
}

measure_file "$CT" "$CT_ITERATIONS"
measure_file "$MF" "$MF_ITERATIONS"

section "results"
echo "load:    $(load) (1, 5, 15 min) after the run, on $(nproc) cpus"
echo "MB/s = input bytes / wall time per file / 10^6; ratio = our MB/s / dcmconv's MB/s (above 1: faster than dcmconv)"
echo
printf '%-28s %-34s %6s %11s %9s %8s %12s %10s\n' file tool runs "ms/file" "MB/s" ratio "CPU ms/file" "peak MiB"
for row in "${ROWS[@]}"; do
    IFS='|' read -r label bytes tool runs ms dcm_ms cpu rss <<<"$row"
    awk -v label="$label" -v bytes="$bytes" -v tool="$tool" -v runs="$runs" -v ms="$ms" -v d="$dcm_ms" -v cpu="$cpu" -v rss="$rss" \
        'BEGIN { mbps = bytes / (ms / 1000) / 1e6; dmbps = bytes / (d / 1000) / 1e6
                 printf "%-28s %-34s %6d %11.3f %9.1f %7.2fx %12.3f %10s\n", label, tool, runs, ms, mbps, mbps / dmbps, cpu, rss }'
done
