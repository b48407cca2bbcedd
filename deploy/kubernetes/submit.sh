#!/bin/bash
# Runs the shards Job, waits for every index to complete, then runs the merge Job.
#   kubectl create configmap pathflow-model --from-file=model.json=models/ics-default.json
#   deploy/kubernetes/submit.sh
# A shard that failed for good leaves the shards Job failed: the merge is not started; see the
# guide (docs/cluster.md) for running the failed indexes again.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kubectl apply -f "$here/results-pvc.yaml"
kubectl apply -f "$here/shards-job.yaml"
kubectl wait --for=condition=complete --timeout="${WAIT_TIMEOUT:-24h}" job/pathflow-shards
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete --timeout=1h job/pathflow-merge
kubectl logs job/pathflow-merge
