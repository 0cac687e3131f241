#!/usr/bin/python3
"""Peer for the learned ranker: XGBoost's ranking objective on the features SkillsMatch exports.

Usage:
  dotnet run --project src/SkillsMatch.Server -- samples import samples --Storage:DataDirectory=/tmp/sm
  dotnet run --project src/SkillsMatch.Server -- train --export /tmp/sm/export --Storage:DataDirectory=/tmp/sm
  /usr/bin/python3 bench/xgboost_peer.py /tmp/sm/export   # Debian python with python3-xgboost

NDCG is computed exactly as SkillsMatch computes it (gain 2^label - 1, log2 discount, needs
whose labels are all 0 skipped, ties broken by client id), on the same held-out needs.
"""
import csv
import math
import sys
import time

import numpy as np
import xgboost as xgb


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    names = [k for k in rows[0].keys() if k not in ("need_id", "client_id", "label")]
    need = np.array([int(r["need_id"]) for r in rows])
    client = np.array([int(r["client_id"]) for r in rows])
    label = np.array([float(r["label"]) for r in rows])
    x = np.array([[float(r[n]) for n in names] for r in rows], dtype=np.float32)
    return need, client, label, x


def groups(need):
    sizes, last = [], None
    for n in need:
        if n != last:
            sizes.append(0)
            last = n
        sizes[-1] += 1
    return sizes


def ndcg(need, client, label, score, k):
    total, count = 0.0, 0
    for n in np.unique(need):
        idx = np.where(need == n)[0]
        order = sorted(idx, key=lambda i: (-score[i], client[i]))
        ranked = [label[i] for i in order]
        ideal = sorted(ranked, reverse=True)
        if ideal[0] <= 0:
            continue
        dcg = sum((2 ** l - 1) / math.log2(i + 2) for i, l in enumerate(ranked[:k]))
        idcg = sum((2 ** l - 1) / math.log2(i + 2) for i, l in enumerate(ideal[:k]))
        total += dcg / idcg
        count += 1
    return total / count


def main(folder):
    tn, tc, ty, tx = load(f"{folder}/train.csv")
    hn, hc, hy, hx = load(f"{folder}/heldout.csv")
    train = xgb.DMatrix(tx, label=ty)
    train.set_group(groups(tn))
    params = {"objective": "rank:ndcg", "eta": 0.08, "max_depth": 4, "min_child_weight": 10, "nthread": 1, "seed": 1}
    start = time.perf_counter()
    booster = xgb.train(params, train, num_boost_round=150)
    seconds = time.perf_counter() - start
    score = booster.predict(xgb.DMatrix(hx))
    print(f"XGBoost {xgb.__version__} rank:ndcg: NDCG@10 {ndcg(hn, hc, hy, score, 10):.3f}, NDCG@5 {ndcg(hn, hc, hy, score, 5):.3f}, "
          f"NDCG@1 {ndcg(hn, hc, hy, score, 1):.3f}; training {seconds:.2f} s on {len(ty)} examples ({len(groups(tn))} needs), 1 thread")


if __name__ == "__main__":
    main(sys.argv[1])
