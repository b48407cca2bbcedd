#!/usr/bin/env bash
# A real test on a real Slurm: starts a single-node cluster on this machine (munged, slurmctld,
# slurmd; every file in a temporary folder, on free ports), submits a run as a job array of shards
# and a dependent merge with the shipped deploy/slurm/submit.sh, waits for both, and checks that
# the merged files are byte-identical to a local run of the same replications (run metadata aside).
#
#   npm run build && npm run test:slurm        (needs root, Debian's slurm-wlm and munge:
#                                               apt-get install -y slurm-wlm munge)
#
# Exit 0: passed. Exit 1: failed (what failed, and the daemons' logs, are printed). Exit 77:
# Slurm or munge is not installed, or not root (the vitest wrapper skips then, unless CI=true).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARDS=${SLURM_TEST_SHARDS:-4}
REPS=${SLURM_TEST_REPS:-8}
ARGS=(run "$root/models/ics-default.json" --reps "$REPS" --days 30 --warmup-days 30)

for tool in munged munge slurmctld slurmd sbatch squeue scontrol sinfo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "slurm test: $tool is not installed (apt-get install -y slurm-wlm munge)" >&2
    exit 77
  fi
done
if [[ $(id -u) -ne 0 ]]; then
  echo "slurm test: slurmd must run as root to start jobs; run this as root" >&2
  exit 77
fi
if [[ ! -f "$root/dist/src/cli/main.js" ]]; then
  echo "slurm test: build first (npm run build)" >&2
  exit 1
fi

started=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pathflow-slurm.XXXXXX")
pids=()
cleanup() {
  local status=$?
  if [[ -n "${SLURM_CONF:-}" && -f "$SLURM_CONF" ]]; then scancel --quiet --user=root >/dev/null 2>&1 || true; fi
  # Only the daemons this script started, by their pids.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$tmp/munged.pid" ]] && kill "$(cat "$tmp/munged.pid")" 2>/dev/null || true
  for file in slurmctld.pid slurmd.pid; do [[ -f "$tmp/$file" ]] && kill "$(cat "$tmp/$file")" 2>/dev/null || true; done
  if [[ $status -ne 0 ]]; then
    for log in munged.log slurmctld.log slurmd.log; do
      [[ -f "$tmp/$log" ]] && { echo "--- last lines of $log"; tail -n 25 "$tmp/$log"; }
    done
    for log in "$tmp"/job/slurm-*.out; do [[ -f "$log" ]] && { echo "--- $(basename "$log")"; tail -n 15 "$log"; }; done
  fi
  sleep 0.5
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
fail() {
  echo "slurm test: FAILED: $*" >&2
  exit 1
}

# A port no one listens on: asked of the kernel (other tests on this machine may run clusters too).
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# --- munge: its own key and socket
dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge.key"
mkdir -m 755 "$tmp/munge"
munged --force --socket="$tmp/munge/munge.sock" --key-file="$tmp/munge.key" --pid-file="$tmp/munged.pid" \
  --log-file="$tmp/munged.log" --seed-file="$tmp/munge.seed" || fail "munged did not start"
munge -S "$tmp/munge/munge.sock" -n | unmunge -S "$tmp/munge/munge.sock" >/dev/null || fail "munge cannot encode and decode a credential"

# --- slurm: one node, this machine
cpus=$(nproc)
memory=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 / 2))
ctld_port=$(free_port)
slurmd_port=$(free_port)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/job"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=pathflowtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=pathflow-node NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=pathflow-node Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -i -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -N pathflow-node -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 1 60); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)
  [[ $state == idle ]] && break
  sleep 0.5
done
[[ ${state:-} == idle ]] || fail "the node did not come up (state '${state:-none}' after 30 s)"
echo "slurm test: cluster up in $(($(date +%s) - started)) s ($(sinfo -V), $cpus CPUs)"

# --- the shipped job scripts: $SHARDS shards and a dependent merge
cd "$tmp/job"
export PATHFLOW="node $root/dist/src/cli/main.js"
submitted=$("$root/deploy/slurm/submit.sh" "$SHARDS" "$tmp/job/out" "${ARGS[@]}") || fail "submit.sh failed"
echo "slurm test: $submitted"
array=$(sed -E 's/^shards: job array ([0-9]+).*/\1/' <<<"$submitted")
merge=$(sed -E 's/.*merge: job ([0-9]+).*/\1/' <<<"$submitted")
[[ $array =~ ^[0-9]+$ && $merge =~ ^[0-9]+$ ]] || fail "cannot read the job ids from: $submitted"

# A local run of the same replications, while the cluster works.
node "$root/dist/src/cli/main.js" "${ARGS[@]}" --workers 1 --quiet --out "$tmp/job/local" >/dev/null || fail "the local run failed"

deadline=$(($(date +%s) + ${SLURM_TEST_TIMEOUT:-180}))
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do
  (($(date +%s) < deadline)) || fail "the jobs did not finish in time: $(squeue -h -j "$array,$merge")"
  sleep 1
done
job_state() { scontrol show job "$1" 2>/dev/null | grep -oE 'JobState=[A-Z_]+' | sort -u | tr '\n' ' '; }
array_state=$(job_state "$array")
merge_state=$(job_state "$merge")
echo "slurm test: shards: $array_state; merge: $merge_state"
[[ $array_state == "JobState=COMPLETED " ]] || fail "not every shard completed: $array_state"
[[ $merge_state == "JobState=COMPLETED " ]] || fail "the merge job did not complete: $merge_state"
shard_dirs=$(find "$tmp/job/out/shards" -mindepth 1 -maxdepth 1 -type d | wc -l)
[[ $shard_dirs -eq $SHARDS ]] || fail "expected $SHARDS shard folders, found $shard_dirs"

# --- byte-identical to the local run, run metadata aside
same=0
for file in "$tmp/job/local"/*; do
  name=$(basename "$file")
  case $name in
    report.html) continue ;;
    run_metadata.csv) diff <(grep -vE '^(started|finished|wall_seconds|workers|command),' "$file") \
      <(grep -vE '^(started|finished|wall_seconds|workers|command),' "$tmp/job/out/merged/$name") || fail "$name differs" ;;
    stress.md) diff <(grep -vE '^\| (Command|Run time)' "$file") <(grep -vE '^\| (Command|Run time)' "$tmp/job/out/merged/$name") || fail "$name differs" ;;
    *) cmp "$file" "$tmp/job/out/merged/$name" || fail "$name differs" ;;
  esac
  same=$((same + 1))
done
diff <(ls "$tmp/job/local") <(ls "$tmp/job/out/merged") || fail "the merged folder holds other files than the local run's"
echo "slurm test: passed — $SHARDS shards × $REPS replications merged by Slurm, $same files identical to the local run, in $(($(date +%s) - started)) s"
