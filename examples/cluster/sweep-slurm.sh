#!/bin/bash
# A sweep split over a Slurm job array: 8 tasks, each evaluates one slice and writes its own file.
#   sbatch examples/cluster/sweep-slurm.sh
# then, when all tasks are done:
#   npx mmplan merge results/ --out results/all.csv
# --shard auto takes the slice from SLURM_ARRAY_TASK_ID (offset by SLURM_ARRAY_TASK_MIN) and the
# count from SLURM_ARRAY_TASK_COUNT; {shard} in --out becomes "3-of-8".
#SBATCH --job-name=mmplan-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=2
#SBATCH --time=00:30:00
#SBATCH --output=results/slurm-%A_%a.log
set -euo pipefail
mkdir -p results
npx mmplan sweep examples/bluelm-quant-sweep.yaml --shard auto --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --out "results/part-{shard}.csv" --force
