#!/usr/bin/env python3
"""Writes the costs `jdeep train regularization` must print on its default data, computed with numpy.

    python3 tools/gen_field_regularization_costs.py

writes models/src/test/resources/org/jdeep/models/c2w1/field_regularization_costs.txt, which
org.jdeep.models.c2w1.RegularizationCostTest reads.

The command line trains the Regularization notebook's network (Course 2, week 1) on FieldData, a synthetic
stand-in for the notebook's football field (the real data.mat is not in the repository). This script rebuilds
that data with numpy's legacy global RandomState exactly as org.jdeep.models.c2w1.FieldData draws it (per point:
two uniforms for the position, one for the label flip), then runs the notebook's own code on it:
reg_utils.initialize_parameters (seed 3, randn / sqrt(n_prev)), forward_propagation, compute_cost,
the graded compute_cost_with_regularization and backward_propagation_with_regularization (lambd = 0.7), and
update_parameters at learning rate 0.3. It records the cost at the iterations the command line prints with
--print-every 500 for 1001 iterations, without regularisation and with L2.

Format, one item per line after the comments:
    NAME V1 V2 ...
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "models", "src", "test", "resources",
                   "org", "jdeep", "models", "c2w1", "field_regularization_costs.txt")

TRAIN = 211          # FieldData.TRAIN
DATA_SEED = 1        # RegularizationComparison's default data-seed
NOISE = 0.10         # FieldData.NOISE
INIT_SEED = 3        # RegularizationComparison's default --seed
LEARNING_RATE = 0.3
LAMBD = 0.7
ITERATIONS = 1001
PRINT_EVERY = 500


def field_data(m, seed):
    """FieldData.generate(m, seed) in the course's layout: X (2, m), Y (1, m)."""
    np.random.seed(seed)
    X = np.zeros((2, m))
    Y = np.zeros((1, m))
    for i in range(m):
        x0 = -0.75 + 1.2 * np.random.random_sample()
        x1 = -0.75 + 1.35 * np.random.random_sample()
        above = x1 > 0.25 * np.sin(5 * x0) - 0.05
        flip = np.random.random_sample() < NOISE
        X[0, i] = x0
        X[1, i] = x1
        Y[0, i] = 1.0 if above != flip else 0.0
    return X, Y


def relu(x):
    return np.maximum(0, x)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def initialize_parameters(layer_dims):
    """reg_utils.initialize_parameters."""
    np.random.seed(INIT_SEED)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    """reg_utils.forward_propagation."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def compute_cost(a3, Y):
    """reg_utils.compute_cost."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """The notebook's graded function."""
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2))
                                                      + np.sum(np.square(W3)))
    return cross_entropy_cost + L2_regularization_cost


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """The notebook's graded function (lambd = 0 gives reg_utils.backward_propagation)."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def model(X, Y, lambd):
    """The notebook's model(X, Y, learning_rate=0.3, num_iterations, lambd) without dropout."""
    parameters = initialize_parameters([X.shape[0], 20, 3, 1])
    printed = []
    for i in range(ITERATIONS):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_cost(a3, Y) if lambd == 0 else compute_cost_with_regularization(a3, Y, parameters, lambd)
        grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        for l in (1, 2, 3):
            parameters["W%d" % l] = parameters["W%d" % l] - LEARNING_RATE * grads["dW%d" % l]
            parameters["b%d" % l] = parameters["b%d" % l] - LEARNING_RATE * grads["db%d" % l]
        if i % PRINT_EVERY == 0 or i == ITERATIONS - 1:
            printed.append("%d %r" % (i, float(cost)))
    return printed


def main():
    X, Y = field_data(TRAIN, DATA_SEED)
    p = initialize_parameters([2, 20, 3, 1])
    penalty0 = (1 / TRAIN) * (LAMBD / 2) * sum(np.sum(np.square(p["W%d" % l])) for l in (1, 2, 3))
    lines = [
        "# written by tools/gen_field_regularization_costs.py (numpy %s); read by RegularizationCostTest"
        % np.__version__,
        "# FieldData(%d, seed %d), the notebook's [2, 20, 3, 1] network (seed %d), learning rate %r, lambd %r"
        % (TRAIN, DATA_SEED, INIT_SEED, LEARNING_RATE, LAMBD),
        "# none / l2: iteration, cost pairs at the iterations printed with --epochs %d --print-every %d"
        % (ITERATIONS, PRINT_EVERY),
        "x_sum %r" % float(np.sum(X)),
        "y_sum %r" % float(np.sum(Y)),
        "l2_penalty_at_start %r" % float(penalty0),
        "none " + " ".join(model(X, Y, 0)),
        "l2 " + " ".join(model(X, Y, LAMBD)),
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
