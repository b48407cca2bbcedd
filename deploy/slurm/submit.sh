#!/bin/bash
# Submits a pathflow run or sweep to Slurm as N shards (a job array) and a merge job that waits
# for them; prints the two job ids.
#
#   deploy/slurm/submit.sh N OUT run MODEL [flags…]
#   deploy/slurm/submit.sh 64 results/frailty run models/ics-default.json --reps 640 --scenario frailty-service
#
# Results: OUT/merged/ (the files one run writes), OUT/shards/ (per-replication results), and the
# jobs' logs in the current folder. Options for sbatch (partition, account, QOS…) can be given in
# SBATCH_OPTIONS, e.g. SBATCH_OPTIONS="--partition=short --account=nhs123".
set -euo pipefail
if [[ $# -lt 4 ]]; then
  echo "usage: $0 N OUT run|sweep MODEL [flags…]" >&2
  exit 2
fi
shards=$1 out=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
read -ra options <<<"${SBATCH_OPTIONS:-}"
array=$(sbatch --parsable "${options[@]}" --array="0-$((shards - 1))" "$here/shard.sbatch" "$shards" "$out" "$@")
array=${array%%;*}
merge=$(sbatch --parsable "${options[@]}" --dependency="afterany:$array" "$here/merge.sbatch" "$out")
merge=${merge%%;*}
echo "shards: job array $array (${shards} tasks); merge: job $merge, results in $out/merged"
