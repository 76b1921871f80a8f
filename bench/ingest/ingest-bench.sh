#!/usr/bin/env bash
# Ingest benchmark (see bench/ingest/README.md): N synthetic 512×512 16-bit CT instances sent with DCMTK storescu,
# over 1 association and over 4 parallel associations, to
#   (a) nodeagent run      (published Release build; durable ACK: every instance fsync'd in the spool first; then the
#                           full pipeline: parse, validate, pseudonymise, standardise, store + fsync, index, unspool)
#   (b) DCMTK storescp --fork -od DIR
#   (c) the same storescp made durable: durable/fsync-on-close.c, preloaded, fsyncs each file and its directory before
#       storescp answers (built with cc; the row is left out, with a note, where there is no C compiler)
#   (d) Orthanc            (loopback, its own storage, no plugins)
# Prints the wall time and images/s of every run, the ratios ours/storescp and ours/Orthanc, peak RSS, and the CPU time
# per instance of each receiver and of its senders (user + system, from /proc and the shell's `times`). For the agent
# two rates: ACK (the last C-STORE response) and fully stored (the spool is empty and the store holds N files; the
# pipeline deletes a spool file only after the instance is indexed, and `nodeagent verify` checks the index afterwards).
# Each run starts its receiver on an empty data directory and checks that all N instances were stored.
#
# usage: bench/ingest/ingest-bench.sh [-n COUNT] [--rounds K] [--agent PUBLISHED_DIR] [--work-root DIR]
#   -n COUNT           instances to send (default 2000, about 1 GB)
#   --rounds K         measure every receiver K times, in a rotating order; each cell is then the median (default 1)
#   --agent DIR        use an already published nodeagent (DIR/nodeagent) instead of publishing one
#   --work-root DIR    where the temp directory goes (default $TMPDIR or /tmp); keep it on the disk under test
set -euo pipefail

COUNT=2000
ROUNDS=1
AGENT_DIR=""
WORK_ROOT="${TMPDIR:-/tmp}"
PARALLEL=4
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--count) COUNT="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --agent) AGENT_DIR="$2"; shift 2 ;;
    --work-root) WORK_ROOT="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$COUNT" =~ ^[0-9]+$ ]] || (( COUNT < PARALLEL )); then
  echo "COUNT must be a number >= $PARALLEL" >&2
  exit 2
fi
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then
  echo "--rounds must be a number >= 1" >&2
  exit 2
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ORTHANC="$(command -v Orthanc || echo /usr/sbin/Orthanc)"
for tool in dotnet storescu storescp echoscu curl python3 "$ORTHANC"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install dcmtk orthanc curl python3)" >&2; exit 1; }
done

# Every DCMTK process (storescu, storescp, echoscu; Orthanc's DICOM layer is DCMTK too) turns Nagle's algorithm
# off: with it on, a delayed ACK can stall each C-STORE response by ~40 ms and the numbers measure that instead.
export TCP_NODELAY=1

WORK="$(mktemp -d "$WORK_ROOT/nodeagent-ingest-XXXXXX")"
SERVER_PID=""
SENDER_PIDS=()

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # storescp --fork serves each association in a child: end those (children of our storescp only) first.
    pkill -TERM -P "$SERVER_PID" 2>/dev/null || true
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  local status=$?
  for pid in "${SENDER_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  stop_server
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

fail() {
  log "FAILED: $*"
  for f in "$WORK"/*.log; do
    [[ -f "$f" ]] && { echo "--- $f (last 20 lines)" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}

# Waits (30 s at most) until the receiver answers C-ECHO.
wait_ready() {
  local deadline=$((SECONDS + 30))
  until echoscu -aet BENCH -aec "$AET" 127.0.0.1 "$PORT" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "$NAME exited at start"
    (( SECONDS < deadline )) || fail "$NAME did not answer C-ECHO within 30 s"
    sleep 0.1
  done
}

start_agent() {
  NAME=nodeagent AET=NODEAGENT PORT="$(free_port)" DATA="$WORK/agent-data"
  rm -rf "$DATA" && mkdir -p "$DATA"
  (cd "$WORK" && exec env \
    NODEAGENT_MACHINE_CONFIG="$WORK/no-machine-config.json" \
    NodeAgent__Dicom__Port="$PORT" \
    NodeAgent__Storage__DataDirectory="$DATA" \
    NodeAgent__Storage__MinimumFreeMegabytes=0 \
    NodeAgent__Storage__MinimumFreePercent=0 \
    "$AGENT_DIR/nodeagent" run) >"$WORK/nodeagent.log" 2>&1 &
  SERVER_PID=$!
  wait_ready
}

# start_storescp_as NAME [PRELOAD]: storescp --fork, with PRELOAD (a shared library) in LD_PRELOAD when given.
start_storescp_as() {
  NAME=$1 AET=STORESCP PORT="$(free_port)" DATA="$WORK/$1-data"
  rm -rf "$DATA" && mkdir -p "$DATA"
  env ${2:+LD_PRELOAD="$2"} storescp --fork -aet STORESCP -od "$DATA" "$PORT" >"$WORK/$1.log" 2>&1 &
  SERVER_PID=$!
  wait_ready
}

start_storescp() { start_storescp_as storescp; }

# storescp made durable: durable/fsync-on-close.so fsyncs each file and its directory before the response.
start_durable() { start_storescp_as storescp-durable "$WORK/fsync-on-close.so"; }

start_orthanc() {
  NAME=orthanc AET=ORTHANC PORT="$(free_port)" DATA="$WORK/orthanc-data"
  HTTP_PORT="$(free_port)"
  rm -rf "$DATA" && mkdir -p "$DATA"
  # Only this file is read, so Debian's /etc/orthanc (which loads /usr/share/orthanc/plugins) is not.
  cat >"$WORK/orthanc.json" <<EOF
{
  "Name": "ingest-bench",
  "StorageDirectory": "$DATA",
  "IndexDirectory": "$DATA",
  "Plugins": [],
  "HttpPort": $HTTP_PORT,
  "DicomPort": $PORT,
  "DicomAet": "ORTHANC",
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false
}
EOF
  (cd "$WORK" && exec "$ORTHANC" "$WORK/orthanc.json") >"$WORK/orthanc.log" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + 30))
  until curl -sf "http://127.0.0.1:$HTTP_PORT/system" >/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "Orthanc exited at start"
    (( SECONDS < deadline )) || fail "Orthanc did not answer GET /system within 30 s"
    sleep 0.1
  done
  wait_ready
}

stored_count() {
  case "$NAME" in
    nodeagent) find "$DATA/store" -name '*.dcm' 2>/dev/null | wc -l ;;
    storescp|storescp-durable) find "$DATA" -type f | wc -l ;;
    orthanc) curl -sf "http://127.0.0.1:$HTTP_PORT/statistics" | python3 -c 'import json, sys; print(json.load(sys.stdin)["CountInstances"])' ;;
  esac
}

peak_rss_mb() {
  awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"
}

spooled_count() {
  find "$DATA/spool" -maxdepth 1 \( -name '*.dcm' -o -name '*.ready' \) 2>/dev/null | wc -l
}

# The agent after the last ACK: polls (every 20 ms, 300 s at most) until the pipeline has emptied the spool and the
# store holds COUNT files. Sets STORED_ELAPSED (seconds since the send started).
wait_fully_stored() {
  local deadline=$((SECONDS + 300)) end
  until (( $(spooled_count) == 0 )) && (( $(stored_count) >= COUNT )); do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "nodeagent exited before storing everything"
    (( SECONDS < deadline )) || fail "nodeagent: $(spooled_count) still spooled, $(stored_count) of $COUNT stored after 300 s"
    sleep 0.02
  done
  end=$(date +%s%N)
  STORED_ELAPSED=$(awk -v ns=$((end - SEND_START)) 'BEGIN { printf "%.2f", ns / 1e9 }')
}

# After the agent stopped: `nodeagent verify` re-hashes the store against the index (missing, extra, corrupt).
verify_agent() {
  (cd "$WORK" && env NODEAGENT_MACHINE_CONFIG="$WORK/no-machine-config.json" NodeAgent__Storage__DataDirectory="$DATA" \
    "$AGENT_DIR/nodeagent" verify) >"$WORK/verify.log" 2>&1 || fail "nodeagent verify after the run"
}

# CPU seconds (user + system) used so far by PID and by its children, reaped or not (storescp --fork serves each
# association in a child; a child it has reaped is in its cutime/cstime, one not yet reaped still has its own entry).
receiver_cpu() {
  local tck
  tck=$(getconf CLK_TCK)
  awk -v pid="$1" -v tck="$tck" '
    FNR == 1 {
      sub(/^.*\) /, "")                                    # after "pid (comm) ": field 1 is the state, 2 the ppid
      if (FILENAME == "/proc/" pid "/stat") { total += $12 + $13 + $14 + $15 }
      else if ($2 == pid) { total += $12 + $13 }
    }
    END { printf "%.3f", total / tck }' /proc/[0-9]*/stat 2>/dev/null
}

# Sets CHILDREN_CPU: CPU seconds (user + system) of every child this shell has waited for, the senders among them.
# `times` runs here, not in a $(...) subshell, which would count its own children only.
children_cpu() {
  times >"$WORK/times.txt"
  CHILDREN_CPU=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times.txt")
}

# send ASSOCIATIONS: storescu with all instances on one association, or one storescu per part directory at once.
# Sets ELAPSED (seconds) and, except for the agent (see wait_fully_stored), checks that all COUNT instances are stored.
send() {
  local associations=$1 start end status=0
  sync
  RECEIVER_CPU_START=$(receiver_cpu "$SERVER_PID")
  children_cpu
  SENDERS_CPU_START=$CHILDREN_CPU
  start=$(date +%s%N)
  SEND_START=$start
  if (( associations == 1 )); then
    storescu -aet BENCH -aec "$AET" +sd +r 127.0.0.1 "$PORT" "$WORK/images" >"$WORK/storescu-0.log" 2>&1 || status=$?
  else
    for ((p = 0; p < associations; p++)); do
      storescu -aet BENCH -aec "$AET" +sd 127.0.0.1 "$PORT" "$WORK/images/part$p" >"$WORK/storescu-$p.log" 2>&1 &
      SENDER_PIDS+=($!)
    done
    for pid in "${SENDER_PIDS[@]}"; do
      wait "$pid" || status=$?
    done
    SENDER_PIDS=()
  fi
  end=$(date +%s%N)
  children_cpu
  SENDERS_CPU=$(awk -v a="$SENDERS_CPU_START" -v b="$CHILDREN_CPU" 'BEGIN { printf "%.3f", b - a }')
  (( status == 0 )) || fail "storescu to $NAME exited with $status"
  ELAPSED=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
  [[ "$NAME" == nodeagent ]] && return 0
  local stored
  stored=$(stored_count)
  (( stored == COUNT )) || fail "$NAME stored $stored of $COUNT instances"
}

# Per receiver and association count: every round's value (space-separated), then the medians the tables print.
declare -A WALLS CPUS SENDERSS WALL RATE RSS CPU SENDERS
rate() { awk -v n="$COUNT" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
per_instance_ms() { awk -v n="$COUNT" -v s="$1" 'BEGIN { printf "%.2f", s * 1000 / n }'; }
run() {
  local target=$1 associations=$2
  "start_$target"
  send "$associations"
  WALLS[$target,$associations]+="$ELAPSED "
  if [[ "$target" == agent ]]; then
    wait_fully_stored
    WALLS[stored,$associations]+="$STORED_ELAPSED "
  else
    sleep 0.3  # storescp's last children exit after the last response
  fi
  CPUS[$target,$associations]+="$(per_instance_ms "$(awk -v a="$RECEIVER_CPU_START" -v b="$(receiver_cpu "$SERVER_PID")" 'BEGIN { print b - a }')") "
  SENDERSS[$target,$associations]+="$(per_instance_ms "$SENDERS_CPU") "
  case "$target" in
    agent|orthanc)
      local rss
      rss=$(peak_rss_mb)
      (( rss > ${RSS[$target,$associations]:-0} )) && RSS[$target,$associations]=$rss
      ;;
  esac
  stop_server
  [[ "$target" == agent ]] && verify_agent
  log "$(printf '%-9s %d association(s): %6s s, %5s images/s' "$target" "$associations" "$ELAPSED" "$(rate "$ELAPSED")")"
  [[ "$target" == agent ]] && log "$(printf '%-9s %d association(s): %6s s, %5s images/s fully stored' "$target" "$associations" "$STORED_ELAPSED" "$(rate "$STORED_ELAPSED")")"
  return 0
}

# 1. The agent, published in Release (unless given), and the instances.
if [[ -z "$AGENT_DIR" ]]; then
  log "publishing nodeagent (Release)"
  AGENT_DIR="$WORK/agent"
  dotnet publish "$REPO/src/NodeAgent/NodeAgent.csproj" -c Release -r linux-x64 --self-contained false -o "$AGENT_DIR" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
    || fail "dotnet publish"
fi
[[ -x "$AGENT_DIR/nodeagent" ]] || fail "$AGENT_DIR/nodeagent is not an executable"
log "generating $COUNT instances (512x512x16 bit CT) in $PARALLEL series"
dotnet run --project "$REPO/bench/ingest/Generator/IngestGenerator.csproj" -c Release -- "$WORK/images" "$COUNT" "$PARALLEL" >"$WORK/generator.log" 2>&1 \
  || fail "generator"
MEGABYTES=$(du -sm "$WORK/images" | cut -f1)

# 2. Every receiver, 1 then 4 associations, each run on fresh storage.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
DURABLE_NOTE=""
if command -v cc >/dev/null; then
  cc -O2 -shared -fPIC -o "$WORK/fsync-on-close.so" "$REPO/bench/ingest/durable/fsync-on-close.c" -ldl 2>"$WORK/cc.log" || fail "cc fsync-on-close.c"
  TARGETS=(agent storescp durable orthanc)
else
  TARGETS=(agent storescp orthanc)
  DURABLE_NOTE="(no C compiler here: durable storescp not measured; apt-get install gcc)"
fi
# The machine's speed drifts over minutes (a VM's neighbours, its memory balloon), so with several rounds every
# receiver takes its turn first once in a while: round r starts with receiver r (mod their number).
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for ((round = 0; round < ROUNDS; round++)); do
  (( ROUNDS > 1 )) && log "round $((round + 1)) of $ROUNDS"
  for ((i = 0; i < ${#TARGETS[@]}; i++)); do
    target=${TARGETS[$(( (i + round) % ${#TARGETS[@]} ))]}
    run "$target" 1
    run "$target" "$PARALLEL"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
for key in "${!WALLS[@]}"; do
  WALL[$key]=$(median <<<"${WALLS[$key]}")
  RATE[$key]=$(rate "${WALL[$key]}")
done
for key in "${!CPUS[@]}"; do
  CPU[$key]=$(median <<<"${CPUS[$key]}" | awk '{ printf "%.2f", $1 }')
  SENDERS[$key]=$(median <<<"${SENDERSS[$key]}" | awk '{ printf "%.2f", $1 }')
done

# 3. The table (Markdown).
# ours/theirs in images/s, from the wall times: theirs_seconds / our_seconds; $3 is agent (ACK) or stored.
ratio() { awk -v ours="${WALL[${3:-agent},$2]}" -v theirs="${WALL[$1,$2]}" 'BEGIN { printf "%.2f", theirs / ours }'; }
cell() { printf '%.2f s, %s img/s' "${WALL[$1,$2]}" "${RATE[$1,$2]}"; }
cpu_cell() { printf '%s ms + %s ms' "${CPU[$1,$2]}" "${SENDERS[$1,$2]}"; }
has() { [[ -n "${WALL[$1,1]:-}" ]]; }
echo
echo "$COUNT instances of 512x512x16 bit CT ($MEGABYTES MB), DCMTK storescu, TCP_NODELAY=1, loopback"
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr)"
echo "load average before the runs $LOAD_BEFORE, after $LOAD_AFTER"
(( ROUNDS > 1 )) && echo "$ROUNDS rounds, receivers in a rotating order; every figure is the median of its $ROUNDS runs"
echo "DCMTK $(storescu --version | awk 'NR == 1 { print $3 }'), Orthanc $("$ORTHANC" --version | awk 'NR == 1 { print $2 }'), .NET $(dotnet --version)"
echo
echo "| receiver | 1 association | $PARALLEL associations |"
echo "|---|---|---|"
echo "| nodeagent run, ACK (spooled, fsync per instance) | $(cell agent 1) | $(cell agent "$PARALLEL") |"
echo "| nodeagent run, fully stored (pipeline: pseudonymised, stored + fsync, indexed) | $(cell stored 1) | $(cell stored "$PARALLEL") |"
echo "| storescp --fork (no fsync) | $(cell storescp 1) | $(cell storescp "$PARALLEL") |"
has durable && echo "| storescp --fork, durable (file and directory fsync'd before the response) | $(cell durable 1) | $(cell durable "$PARALLEL") |"
echo "| Orthanc (fsync per file, SQLite index) | $(cell orthanc 1) | $(cell orthanc "$PARALLEL") |"
echo "| ours ACK / storescp (images/s) | $(ratio storescp 1) | $(ratio storescp "$PARALLEL") |"
echo "| ours fully stored / storescp (images/s) | $(ratio storescp 1 stored) | $(ratio storescp "$PARALLEL" stored) |"
has durable && echo "| ours ACK / durable storescp (images/s) | $(ratio durable 1) | $(ratio durable "$PARALLEL") |"
echo "| ours ACK / Orthanc (images/s) | $(ratio orthanc 1) | $(ratio orthanc "$PARALLEL") |"
echo "| ours fully stored / Orthanc (images/s) | $(ratio orthanc 1 stored) | $(ratio orthanc "$PARALLEL" stored) |"
echo "| nodeagent peak RSS (VmHWM) | ${RSS[agent,1]} MB | ${RSS[agent,$PARALLEL]} MB |"
echo "| Orthanc peak RSS (VmHWM) | ${RSS[orthanc,1]} MB | ${RSS[orthanc,$PARALLEL]} MB |"
echo
echo "CPU time per instance, user + system: the receiver's (from the start of the send until it had stored all; the"
echo "agent's pipeline included) + its senders' (storescu). Kernel threads (write-back, block I/O) are in neither."
echo "On $(nproc) cores a run cannot go faster than $(nproc) s of CPU per second: images/s <= $(nproc) x 1000 / (the sum in ms)."
[[ -n "$DURABLE_NOTE" ]] && echo "$DURABLE_NOTE"
echo
echo "| receiver | 1 association | $PARALLEL associations |"
echo "|---|---|---|"
echo "| nodeagent run (fully stored) | $(cpu_cell agent 1) | $(cpu_cell agent "$PARALLEL") |"
echo "| storescp --fork | $(cpu_cell storescp 1) | $(cpu_cell storescp "$PARALLEL") |"
has durable && echo "| storescp --fork, durable | $(cpu_cell durable 1) | $(cpu_cell durable "$PARALLEL") |"
echo "| Orthanc | $(cpu_cell orthanc 1) | $(cpu_cell orthanc "$PARALLEL") |"
exit 0
