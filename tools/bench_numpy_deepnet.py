#!/usr/bin/env python3
"""Times the course's L-layer training loop in numpy, for comparison with jdeep's DeepNetBenchmark.

    python3 tools/bench_numpy_deepnet.py [--iterations 2500] [--repeats 3]

The loop is the Deep Learning Specialization's L_layer_model (Course 1, week 4, "Deep Neural Network for Image
Classification: Application"): layers_dims = [12288, 20, 7, 5, 1], [LINEAR -> RELU] x 3 -> LINEAR -> SIGMOID,
initialize_parameters_deep with np.random.seed(1) (W = randn(n_l, n_{l-1}) / sqrt(n_{l-1})), cross-entropy cost,
L_model_backward, update_parameters with learning_rate 0.0075, 2500 iterations, float64, examples as columns
X (12288, 209). The data are 209 synthetic images: uniform pixels in [0, 1) from np.random.RandomState(0) and
labels from a fixed rule, the same values jdeep's benchmark draws (the timing does not depend on them).

It prints one line per repeat and the best, in seconds, with numpy's version and BLAS configuration; the
figures go to docs/performance.md.
"""
import argparse
import time

import numpy as np


def synthetic(m=209, n=12288):
    rng = np.random.RandomState(0)
    X = rng.random_sample((m, n))                      # (m, n): jdeep's rows; the course's X is X.T
    Y = (X[:, :n // 2].mean(axis=1) > X[:, n // 2:].mean(axis=1)).astype(np.float64).reshape(1, m)
    return X.T.copy(), Y


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    p = {}
    for l in range(1, len(layer_dims)):
        p["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return p


def l_layer_model(X, Y, layer_dims, learning_rate, iterations):
    p = initialize_parameters_deep(layer_dims)
    L = len(layer_dims) - 1
    m = X.shape[1]
    costs = []
    for i in range(iterations):
        # L_model_forward
        caches = []
        A = X
        for l in range(1, L):
            Z = p["W" + str(l)].dot(A) + p["b" + str(l)]
            caches.append((A, Z))
            A = np.maximum(0, Z)
        ZL = p["W" + str(L)].dot(A) + p["b" + str(L)]
        caches.append((A, ZL))
        AL = 1 / (1 + np.exp(-ZL))
        # compute_cost
        cost = np.squeeze((1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T)))
        # L_model_backward
        dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        grads = {}
        A_prev, Z = caches[L - 1]
        s = 1 / (1 + np.exp(-Z))
        dZ = dAL * s * (1 - s)
        grads["dW" + str(L)] = 1. / m * np.dot(dZ, A_prev.T)
        grads["db" + str(L)] = 1. / m * np.sum(dZ, axis=1, keepdims=True)
        dA = np.dot(p["W" + str(L)].T, dZ)
        for l in reversed(range(1, L)):
            A_prev, Z = caches[l - 1]
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
            grads["dW" + str(l)] = 1. / m * np.dot(dZ, A_prev.T)
            grads["db" + str(l)] = 1. / m * np.sum(dZ, axis=1, keepdims=True)
            if l > 1:
                dA = np.dot(p["W" + str(l)].T, dZ)
        # update_parameters
        for l in range(1, L + 1):
            p["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
            p["b" + str(l)] -= learning_rate * grads["db" + str(l)]
        if i % 100 == 0 or i == iterations - 1:
            costs.append(float(cost))
    return p, costs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=2500)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    X, Y = synthetic()
    print("numpy", np.__version__)
    try:
        cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        print("blas", cfg.get("name"), cfg.get("version"))
    except Exception:  # older numpy
        pass
    times = []
    for r in range(args.repeats):
        t0 = time.perf_counter()
        _, costs = l_layer_model(X, Y, [12288, 20, 7, 5, 1], 0.0075, args.iterations)
        times.append(time.perf_counter() - t0)
        print("run %d: %.2f s (first cost %.6f, last %.6f)" % (r + 1, times[-1], costs[0], costs[-1]))
    print("best: %.2f s for %d iterations, %.2f ms per iteration" % (min(times), args.iterations,
                                                                     1000 * min(times) / args.iterations))


if __name__ == "__main__":
    main()
