#!/usr/bin/env python3
"""Compares two pathflow run folders figure by figure (kpi_summary.csv, release.csv, drift_range.csv):
python3 bench/census-compare.py LONG_DIR WARM_DIR [out]. Used for docs/census-comparison.md."""
import csv, math, sys
from statistics import NormalDist
long_dir, short_dir = sys.argv[1], sys.argv[2]
T = {1:12.706,2:4.303,3:3.182,4:2.776,5:2.571,6:2.447,7:2.365,8:2.306,9:2.262,10:2.228,11:2.201,12:2.179,13:2.16,14:2.145,15:2.131,16:2.12,18:2.101,20:2.086,25:2.06,30:2.042}
def t975(df):
    df = max(1, int(df)); ks = sorted(T)
    for k in ks:
        if df <= k: return T[k]
    return 1.96
def kpis(d):
    out = {}
    for r in csv.DictReader(open(f"{d}/kpi_summary.csv")):
        if r["mean"] == "" or r["sd"] == "": continue
        out[(r["scenario"], r["kpi"])] = (float(r["mean"]), float(r["sd"]), int(r["n_reps"]), r["unit"])
    return out
def release(d, f="release.csv", keys=("scenario","resource","measure")):
    out = {}
    for r in csv.DictReader(open(f"{d}/{f}")):
        if r.get("mean","") == "" or r.get("ci_low","") == "": continue
        n = int(r["n_reps"]); m = float(r["mean"]); half = (float(r["ci_high"]) - float(r["ci_low"])) / 2
        sd = half * math.sqrt(n) / t975(n - 1) if n > 1 else 0
        out[tuple(r[k] for k in keys)] = (m, sd, n, r.get("unit",""))
    return out
def compare(a, b, label):
    rows = []
    for k in a:
        if k not in b: continue
        (ml, sl, nl, u), (ms, ss, ns, _) = a[k], b[k]
        vl, vs = sl*sl/nl, ss*ss/ns
        se = math.sqrt(vl + vs)
        if se == 0:
            rows.append((k, ml, ms, 0.0, 0 if ml == ms else float("inf"), u)); continue
        df = (vl+vs)**2 / ((vl*vl/(nl-1) if nl>1 else 0) + (vs*vs/(ns-1) if ns>1 else 0) or 1e-300)
        z = abs(ms - ml) / (t975(df) * se)
        rows.append((k, ml, ms, t975(df)*se, z, u))
    return rows
allrows = compare(kpis(long_dir), kpis(short_dir), "kpi") + compare(release(long_dir), release(short_dir), "release")
def drift_range(d):
    """The release ratio at each drift strength (drift_range.csv), its sd from the CI."""
    out = {}
    try:
        rows = list(csv.DictReader(open(f"{d}/drift_range.csv")))
    except FileNotFoundError:
        return out
    for r in rows:
        if r["release_ratio"] == "" or r["ci_low"] == "": continue
        n = int(r["n_reps"]); half = (float(r["ci_high"]) - float(r["ci_low"])) / 2
        out[(r["scenario"], "drift", r["drift_strength"], r["resource"], "release_ratio")] = (float(r["release_ratio"]), half * math.sqrt(n) / t975(n - 1), n, "ratio")
    return out
allrows += compare(drift_range(long_dir), drift_range(short_dir), "drift")
n = len(allrows)
from statistics import NormalDist
bonf = NormalDist().inv_cdf(1 - 0.05/n/2) / 1.96
out95 = [r for r in allrows if r[4] > 1]
outB = [r for r in allrows if r[4] > bonf]
print(f"figures compared: {n}; outside their 95% interval: {len(out95)} ({100*len(out95)/max(1,n):.1f}%, ~5% expected by chance); outside the Bonferroni interval (family {n}): {len(outB)}")
mode = sys.argv[3] if len(sys.argv) > 3 else "all"
print("| figure | 730-day start | census + warm-up | difference | 95% half-width | |")
print("|---|---:|---:|---:|---:|---|")
def f(x):
    return f"{x:.4g}" if abs(x) < 1e5 else f"{x:.0f}"
for k, ml, ms, half, z, u in allrows:
    if mode == "out" and z <= 1: continue
    flag = "**outside (Bonferroni)**" if z > bonf else ("outside 95%" if z > 1 else "")
    print(f"| {' '.join(k)} | {f(ml)} | {f(ms)} | {f(ms-ml)} | {f(half)} | {flag} |")
