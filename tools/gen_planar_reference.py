#!/usr/bin/env python3
"""Writes the reference for jdeep's Course 1, week 3 planar data and its one-hidden-layer training run.

    python3 tools/gen_planar_reference.py    # writes models/src/test/resources/org/jdeep/models/c1w3/planar_reference.json

What it holds, all from numpy's legacy global RandomState (float64):

* "flower": the course's load_planar_dataset() (planar_utils.py), verbatim: np.random.seed(1), m = 400,
  N = 200, D = 2, a = 4; for j in 0, 1: t = linspace(j*3.12, (j+1)*3.12, N) + randn(N)*0.2,
  r = a*sin(4t) + randn(N)*0.2, X[ix] = c_[r*sin(t), r*cos(t)], Y[ix] = j. Stored as X (400, 2) rows
  (the course's X.T) and Y (400).
* "nn_model": the course's nn_model(X, Y, n_h=4, num_iterations=10000, learning_rate=1.2) on the flower,
  in both notebook versions: "v_pre2021" (initialize_parameters seeds 2 itself) and "v2021" (nn_model seeds 3,
  initialize_parameters does not), the cost of every 1000th iteration at full precision and the final
  training accuracy of predict() (A2 > 0.5).
* "circles", "moons": scikit-learn's make_circles / make_moons (shuffle=True, the global generator) transcribed
  step by step below with the course's C1W3 arguments (N = 200; circles factor .5 noise .3; moons noise .2),
  each after np.random.seed(SEED). scikit-learn is not needed to run this script; the transcription follows
  sklearn/datasets/_samples_generator.py (linspace, legacy shuffle of arange(n), rows reordered, then
  X += normal(0, noise, (n, 2))).
* "blobs": make_blobs(n_samples=200, n_features=2, centers=6, random_state=5) transcribed the same way
  (centres uniform(-10, 10, (6, 2)), then normal(centre, 1, (n_i, 2)) per centre, then the legacy shuffle),
  labels taken % 2 as the course does.
* "gaussian_quantiles": make_gaussian_quantiles(cov=0.5, n_samples=200, n_features=2, n_classes=2) as jdeep
  defines it: sqrt(0.5) * standard_normal((200, 2)) (scikit-learn draws the same normals through
  multivariate_normal, whose SVD may flip signs), sorted by squared radius (stable), the inner half class 0,
  then the legacy shuffle.

The Java test (org.jdeep.models.c1w3.PlanarDataTest, PlanarClassifierTest) compares the data with a relative
tolerance of 1e-13 (sin, cos and log may differ from glibc in the last bit) and the printed costs to the
decimals the notebook prints (%f).
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "src", "test", "resources",
                   "org", "jdeep", "models", "c1w3", "planar_reference.json")


def load_planar_dataset():
    np.random.seed(1)
    m = 400
    N = int(m / 2)
    D = 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype='uint8')
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def nn_model(X, Y, n_h, num_iterations, learning_rate, version):
    n_x, n_y, m = X.shape[0], Y.shape[0], X.shape[1]
    np.random.seed(3)
    if version == "v_pre2021":
        np.random.seed(2)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    costs = []
    for i in range(num_iterations):
        Z1 = np.dot(W1, X) + b1
        A1 = np.tanh(Z1)
        Z2 = np.dot(W2, A1) + b2
        A2 = sigmoid(Z2)
        logprobs = np.multiply(np.log(A2), Y) + np.multiply(1 - Y, np.log(1 - A2))
        cost = float(np.squeeze(-np.sum(logprobs) / m))
        dZ2 = A2 - Y
        dW2 = (1 / m) * np.dot(dZ2, A1.T)
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
        dW1 = (1 / m) * np.dot(dZ1, X.T)
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
        if i % 1000 == 0:
            costs.append(cost)
    A2 = sigmoid(np.dot(W2, np.tanh(np.dot(W1, X) + b1)) + b2)
    accuracy = float(np.mean((A2 > 0.5) == Y))
    return costs, accuracy


def legacy_shuffle_rows(X, y):
    idx = np.arange(X.shape[0])
    np.random.shuffle(idx)
    return X[idx], y[idx]


def make_circles(n, factor, noise):
    n_out = n // 2
    n_in = n - n_out
    lo = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    li = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(np.cos(lo), np.cos(li) * factor), np.append(np.sin(lo), np.sin(li) * factor)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    X, y = legacy_shuffle_rows(X, y)
    X += np.random.normal(scale=noise, size=X.shape)
    return X, y


def make_moons(n, noise):
    n_out = n // 2
    n_in = n - n_out
    X = np.vstack([np.append(np.cos(np.linspace(0, np.pi, n_out)), 1 - np.cos(np.linspace(0, np.pi, n_in))),
                   np.append(np.sin(np.linspace(0, np.pi, n_out)),
                             1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    X, y = legacy_shuffle_rows(X, y)
    X += np.random.normal(scale=noise, size=X.shape)
    return X, y


def make_blobs(n, centers, seed):
    rng = np.random.RandomState(seed)
    c = rng.uniform(-10.0, 10.0, size=(centers, 2))
    per = [n // centers] * centers
    for i in range(n % centers):
        per[i] += 1
    X = np.concatenate([rng.normal(loc=c[i], scale=1.0, size=(per[i], 2)) for i in range(centers)])
    y = np.concatenate([np.full(per[i], i) for i in range(centers)])
    idx = np.arange(n)
    rng.shuffle(idx)
    return X[idx], y[idx]


def make_gaussian_quantiles(n, cov):
    X = np.sqrt(cov) * np.random.standard_normal((n, 2))
    idx = np.argsort(np.sum(X ** 2, axis=1), kind="stable")
    X = X[idx]
    step = n // 2
    y = np.hstack([np.zeros(step, dtype=np.intp), np.ones(n - step, dtype=np.intp)])
    return legacy_shuffle_rows(X, y)


def points(X, y):
    return {"X": [float(v) for v in X.ravel()], "Y": [int(v) for v in y.ravel()], "shape": list(X.shape)}


def main():
    X, Y = load_planar_dataset()
    out = {"numpy_version": np.__version__, "flower": points(X.T, Y.ravel()), "nn_model": {}}
    for version in ("v_pre2021", "v2021"):
        costs, acc = nn_model(X, Y, 4, 10000, 1.2, version)
        out["nn_model"][version] = {"costs_every_1000": costs, "train_accuracy": acc,
                                    "printed": ["Cost after iteration %i: %f" % (i * 1000, c)
                                                for i, c in enumerate(costs)]}
        print(version, "accuracy", acc)
        print("\n".join(out["nn_model"][version]["printed"]))
    np.random.seed(1)
    out["circles"] = dict(points(*make_circles(200, 0.5, 0.3)), seed=1, factor=0.5, noise=0.3)
    np.random.seed(1)
    out["moons"] = dict(points(*make_moons(200, 0.2)), seed=1, noise=0.2)
    Xb, yb = make_blobs(200, 6, 5)
    out["blobs"] = dict(points(Xb, yb % 2), seed=5, centers=6)
    np.random.seed(1)
    out["gaussian_quantiles"] = dict(points(*make_gaussian_quantiles(200, 0.5)), seed=1, cov=0.5)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
