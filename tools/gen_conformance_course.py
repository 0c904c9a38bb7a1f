#!/usr/bin/env python3
"""Writes the conformance suite's own copies of a few Course 1-2 reference cases, computed with numpy.

    python3 tools/gen_conformance_course.py

writes conformance-tests/src/main/resources/org/jdeep/conformance/course_cases.json in the schema of the shared
course reference (../shared/reference/course/README.md: id, function, inputs with optional seed_recipe,
params, outputs, tolerance.outputs), so one reader handles both. These copies keep the course level of the
suite running where the shared folder is absent. Inputs are rebuilt with numpy's legacy RandomState (the
recipe is recorded; the arrays drawn before the call are stored as data, the ones drawn inside the call are
re-drawn by the suite with jdeep's RandomState), outputs are computed here in float64 with the course's
formulas.
"""

import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "conformance-tests", "src", "main",
                   "resources", "org", "jdeep", "conformance", "course_cases.json")
TOL = {"rtol": 1e-9, "atol": 1e-12, "meaning": "how close an implementation must be to `outputs` (float64)"}


def enc(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def case(cid, function, inputs, outputs, params=None):
    return {"id": cid, "function": function, "inputs": inputs, "params": params or {}, "outputs": outputs,
            "tolerance": {"outputs": TOL}, "source": "tools/gen_conformance_course.py (numpy %s)" % np.__version__}


def propagate():
    w = np.array([[1.0], [2.0], [-1.0]])
    b = 2.5
    X = np.array([[1.0, 2.0, -1.0, 0.0], [3.0, 4.0, -3.2, 1.0], [3.0, 4.0, -3.2, -3.5]])
    Y = np.array([[1, 1, 0, 0]], dtype=float)
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * X @ (A - Y).T
    db = 1 / m * np.sum(A - Y)
    return case("own_propagate", "propagate", {"w": enc(w), "b": b, "X": enc(X), "Y": enc(Y)},
                {"dw": enc(dw), "db": float(db), "cost": float(cost)})


def forward_propagation():
    rs = np.random.RandomState(1)
    X = rs.randn(2, 3)
    b1 = rs.randn(4, 1)
    W1 = np.array([[-0.00416758, -0.00056267], [-0.02136196, 0.01640271], [-0.01793436, -0.00841747],
                   [0.00502881, -0.01245288]])
    W2 = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
    b2 = np.array([[-1.3]])
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    recipe = {"before_call": [{"op": "seed", "seed": 1}, {"op": "randn", "shape": [2, 3], "name": "X"},
                              {"op": "randn", "shape": [4, 1], "name": "b1"}]}
    return case("own_forward_propagation", "forward_propagation",
                {"X": enc(X), "W1": enc(W1), "b1": enc(b1), "W2": enc(W2), "b2": enc(b2), "seed_recipe": recipe},
                {"A2": enc(A2), "Z1": enc(Z1), "A1": enc(A1), "Z2": enc(Z2)})


def linear_backward():
    rs = np.random.RandomState(1)
    dZ = rs.randn(3, 4)
    A_prev = rs.randn(5, 4)
    W = rs.randn(3, 5)
    b = rs.randn(3, 1)
    m = A_prev.shape[1]
    recipe = {"before_call": [{"op": "seed", "seed": 1}, {"op": "randn", "shape": [3, 4], "name": "dZ"},
                              {"op": "randn", "shape": [5, 4], "name": "A_prev"},
                              {"op": "randn", "shape": [3, 5], "name": "W"}, {"op": "randn", "shape": [3, 1], "name": "b"}]}
    return case("own_linear_backward", "linear_backward",
                {"dZ": enc(dZ), "A_prev": enc(A_prev), "W": enc(W), "b": enc(b), "seed_recipe": recipe},
                {"dA_prev": enc(W.T @ dZ), "dW": enc(1 / m * dZ @ A_prev.T),
                 "db": enc(1 / m * np.sum(dZ, axis=1, keepdims=True))})


def initialize_he():
    dims = [3, 5, 2]
    rs = np.random.RandomState(3)
    out = {}
    recipe = [{"op": "seed", "seed": 3}]
    for l in range(1, len(dims)):
        f = np.sqrt(2 / dims[l - 1])
        out["W%d" % l] = enc(rs.randn(dims[l], dims[l - 1]) * f)
        out["b%d" % l] = enc(np.zeros((dims[l], 1)))
        recipe.append({"op": "randn", "shape": [dims[l], dims[l - 1]], "name": "W%d" % l, "post": ["mul", float(f)]})
    return case("own_initialize_parameters_he", "initialize_parameters_he",
                {"layers_dims": dims, "seed_recipe": {"inside_call": recipe}}, out)


def two_layer_model():
    rs = np.random.RandomState(1)
    X = rs.randn(6, 8)
    Y = (rs.randn(1, 8) > 0).astype(float)
    lr, iters = 0.05, 3
    rs = np.random.RandomState(2)
    W1 = rs.randn(4, 6) * 0.01
    W2 = rs.randn(1, 4) * 0.01
    b1, b2 = np.zeros((4, 1)), np.zeros((1, 1))
    m = X.shape[1]
    costs = []
    last = None
    for i in range(iters):
        Z1 = W1 @ X + b1
        A1 = np.maximum(Z1, 0)
        Z2 = W2 @ A1 + b2
        A2 = sigmoid(Z2)
        cost = -1 / m * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dZ2 = dA2 * A2 * (1 - A2)
        dW2 = 1 / m * dZ2 @ A1.T
        db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
        dA1 = W2.T @ dZ2
        dZ1 = dA1 * (Z1 > 0)
        dW1 = 1 / m * dZ1 @ X.T
        db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
        if i % 100 == 0:
            costs.append(float(cost))
        last = float(cost)
    recipe = {"before_call": [{"op": "seed", "seed": 1}, {"op": "randn", "shape": [6, 8], "name": "X"},
                              {"op": "randn", "shape": [1, 8], "name": "Y", "post": ["gt", 0.0]}],
              "inside_call": [{"op": "seed", "seed": 2}, {"op": "randn", "shape": [4, 6], "name": "W1", "post": ["mul", 0.01]},
                              {"op": "randn", "shape": [1, 4], "name": "W2", "post": ["mul", 0.01]}]}
    return case("own_two_layer_model", "two_layer_model", {"X": enc(X), "Y": enc(Y), "seed_recipe": recipe},
                {"W1": enc(W1), "b1": enc(b1), "W2": enc(W2), "b2": enc(b2), "costs": costs,
                 "printed_last_cost": last},
                {"layers_dims": [6, 4, 1], "learning_rate": lr, "num_iterations": iters})


def adam():
    rs = np.random.RandomState(4)
    names = [("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1))]
    p = {k: rs.randn(*s) for k, s in names}
    g = {"d" + k: rs.randn(*s) for k, s in names}
    v = {"d" + k: rs.randn(*s) * 0.1 for k, s in names}
    s_ = {"d" + k: np.abs(rs.randn(*s)) * 0.1 for k, s in names}
    t, lr, b1, b2, eps = 3, 0.01, 0.9, 0.999, 1e-8
    outp, outv, outs = {}, {}, {}
    for k, _ in names:
        vk = b1 * v["d" + k] + (1 - b1) * g["d" + k]
        sk = b2 * s_["d" + k] + (1 - b2) * g["d" + k] ** 2
        vc = vk / (1 - b1 ** t)
        sc = sk / (1 - b2 ** t)
        outp[k] = enc(p[k] - lr * vc / (np.sqrt(sc) + eps))
        outv["d" + k] = enc(vk)
        outs["d" + k] = enc(sk)
    return case("own_update_parameters_with_adam", "update_parameters_with_adam",
                {"parameters": {k: enc(x) for k, x in p.items()}, "grads": {k: enc(x) for k, x in g.items()},
                 "v": {k: enc(x) for k, x in v.items()}, "s": {k: enc(x) for k, x in s_.items()}},
                {"parameters": outp, "v": outv, "s": outs},
                {"t": t, "learning_rate": lr, "beta1": b1, "beta2": b2, "epsilon": eps})


def total_loss():
    rs = np.random.RandomState(5)
    logits = rs.randn(4, 3) * 3
    labels = np.eye(4)[:, [2, 0, 3]]
    ls = logits - np.log(np.sum(np.exp(logits), axis=0, keepdims=True))
    return case("own_compute_total_loss", "compute_total_loss", {"logits": enc(logits), "labels": enc(labels)},
                {"total_loss": float(-np.sum(labels * ls))})


def main():
    cases = [propagate(), forward_propagation(), linear_backward(), initialize_he(), two_layer_model(), adam(),
             total_loss()]
    doc = {"about": "the conformance suite's own numpy copies of Course 1-2 cases; see tools/gen_conformance_course.py",
           "numpy_version": np.__version__, "cases": cases}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
