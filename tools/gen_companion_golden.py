#!/usr/bin/env python3
"""Writes the learner's companion's own golden cases, computed with numpy from the course notebooks' code.

    python3 tools/gen_companion_golden.py

writes models/src/test/resources/org/jdeep/models/companion/companion_golden.txt, which
org.jdeep.models.companion.*Test read (CompanionGolden). They complement the shared course reference
(../shared/reference/course/c1c2_public.json): these cover the functions and training loops it has no public
case for (deep-network forward and backward test cases, the Course 2 models on their synthetic data, dropout,
L2, gradient checking of the 4-5-3-1 network, the optimizers' training loops on the moons).

Every function below is the notebook's own code (the 2021+ versions unless said), run on numpy's legacy global
RandomState seeded as the notebook seeds it. scikit-learn is not needed: make_circles / make_moons are
transcribed from sklearn/datasets/_samples_generator.py (linspace, legacy shuffle of arange(n), rows reordered,
then X += normal(0, noise, (n, 2))), which is what the course runs with random_state=None.

Format, one item per line:
    case ID
    NAME SHAPE V1 V2 ...        SHAPE is 2x3, 5 or - (a number); values in row-major order, repr precision
    end
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "models", "src", "test", "resources",
                   "org", "jdeep", "models", "companion", "companion_golden.txt")

CASES = []


def fmt(v):
    v = float(v)
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == float("-inf"):
        return "-Infinity"
    return repr(v)


def case(cid, **items):
    CASES.append((cid, items))


def item(name, value):
    a = np.asarray(value, dtype=np.float64)
    shape = "-" if a.ndim == 0 else "x".join(str(d) for d in a.shape)
    return "%s %s %s" % (name, shape, " ".join(fmt(v) for v in a.reshape(-1)))


# ----------------------------------------------------------------------------------------------- datasets

def linspace(a, b, n, endpoint=True):
    return np.linspace(a, b, n, endpoint=endpoint)


def shuffle_and_noise(X, y, noise):
    idx = np.arange(X.shape[0])
    np.random.shuffle(idx)
    X, y = X[idx], y[idx]
    X = X + np.random.normal(scale=noise, size=X.shape)
    return X, y


def make_circles(n, noise, factor=0.8):
    n_out = n // 2
    n_in = n - n_out
    lo = linspace(0, 2 * np.pi, n_out, endpoint=False)
    li = linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(np.cos(lo), np.cos(li) * factor), np.append(np.sin(lo), np.sin(li) * factor)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    return shuffle_and_noise(X, y, noise)


def make_moons(n, noise):
    n_out = n // 2
    n_in = n - n_out
    lo = linspace(0, np.pi, n_out)
    li = linspace(0, np.pi, n_in)
    X = np.vstack([np.append(np.cos(lo), 1 - np.cos(li)), np.append(np.sin(lo), 1 - np.sin(li) - .5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    return shuffle_and_noise(X, y, noise)


def load_planar_dataset():
    np.random.seed(1)
    m = 400
    N = int(m / 2)
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1), dtype='uint8')
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def circles_c2w1():
    np.random.seed(1)
    train_X, train_Y = make_circles(300, .05)
    np.random.seed(2)
    test_X, test_Y = make_circles(100, .05)
    return train_X.T, train_Y.reshape((1, -1)), test_X.T, test_Y.reshape((1, -1))


def moons_c2w2():
    np.random.seed(3)
    X, Y = make_moons(300, .2)
    return X.T, Y.reshape((1, -1))


# ------------------------------------------------------------------------------- C1W2 (numpy basics, LR)

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def numpy_basics():
    x = np.array([[0., 3., 4.], [1., 6., 4.]])
    case("c1w2_normalize_rows", x=x, out=x / np.linalg.norm(x, axis=1, keepdims=True))
    np.random.seed(1)
    image = np.random.rand(3, 3, 2)
    case("c1w2_image2vector", image=image, out=image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1))
    yhat = np.array([.9, 0.2, 0.1, .4, .9])
    y = np.array([1, 0, 0, 1, 1])
    case("c1w2_L2", yhat=yhat, y=y, out=np.sum(np.dot(y - yhat, y - yhat)))


def lr_propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return dw, db, float(np.squeeze(cost))


def lr_model():
    np.random.seed(0)
    X = np.random.randn(4, 30)
    Y = (np.random.rand(1, 30) < sigmoid(X[0:1] - 0.5 * X[1:2])).astype(float)
    Xt = np.random.randn(4, 10)
    Yt = (np.random.rand(1, 10) < sigmoid(Xt[0:1] - 0.5 * Xt[1:2])).astype(float)
    w, b = np.zeros((4, 1)), 0.0
    costs = []
    for i in range(300):
        dw, db, cost = lr_propagate(w, b, X, Y)
        w = w - 0.05 * dw
        b = b - 0.05 * db
        if i % 100 == 0:
            costs.append(cost)
    pred_train = (sigmoid(np.dot(w.T, X) + b) > 0.5).astype(float)
    pred_test = (sigmoid(np.dot(w.T, Xt) + b) > 0.5).astype(float)
    case("c1w2_model", X=X, Y=Y, Xt=Xt, Yt=Yt, w=w, b=b, costs=costs, pred_train=pred_train, pred_test=pred_test,
         train_acc=100 - np.mean(np.abs(pred_train - Y)) * 100, test_acc=100 - np.mean(np.abs(pred_test - Yt)) * 100)


# ----------------------------------------------------------------------------------------------- C1W3

def planar_nn_model(X, Y, n_h, num_iterations, seed_outside):
    np.random.seed(seed_outside)
    n_x, n_y = X.shape[0], Y.shape[0]
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    m = X.shape[1]
    costs = []
    for i in range(num_iterations):
        Z1 = np.dot(W1, X) + b1
        A1 = np.tanh(Z1)
        Z2 = np.dot(W2, A1) + b2
        A2 = sigmoid(Z2)
        logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
        cost = float(np.squeeze(-np.sum(logprobs) / m))
        dZ2 = A2 - Y
        dW2 = (1 / m) * np.dot(dZ2, A1.T)
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
        dW1 = (1 / m) * np.dot(dZ1, X.T)
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        W1 = W1 - 1.2 * dW1
        b1 = b1 - 1.2 * db1
        W2 = W2 - 1.2 * dW2
        b2 = b2 - 1.2 * db2
        if i % 1000 == 0:
            costs.append(cost)
    A2 = sigmoid(np.dot(W2, np.tanh(np.dot(W1, X) + b1)) + b2)
    return dict(W1=W1, b1=b1, W2=W2, b2=b2, costs=costs, predictions=(A2 > 0.5).astype(float))


def planar():
    X, Y = load_planar_dataset()
    r = planar_nn_model(X, Y.astype(float), 4, 2001, 3)
    case("c1w3_nn_model_flower_2001", **r)


# ----------------------------------------------------------------------------------------------- C1W4

def relu(Z):
    return np.maximum(0, Z)


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, ((A_prev, W, b), Z)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = sigmoid_backward(dA, Z) if activation == "sigmoid" else relu_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = \
            linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
    return grads


def deep_net():
    np.random.seed(2)
    A_prev = np.random.randn(3, 2)
    W = np.random.randn(1, 3)
    b = np.random.randn(1, 1)
    s, _ = linear_activation_forward(A_prev, W, b, "sigmoid")
    r, _ = linear_activation_forward(A_prev, W, b, "relu")
    case("c1w4_linear_activation_forward", A_prev=A_prev, W=W, b=b, A_sigmoid=s, A_relu=r)

    np.random.seed(6)
    X = np.random.randn(5, 4)
    params = {}
    for l, (n, p) in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        params["W%d" % l] = np.random.randn(n, p)
        params["b%d" % l] = np.random.randn(n, 1)
    AL, caches = L_model_forward(X, params)
    case("c1w4_L_model_forward", X=X, AL=AL, **params)

    Y = np.array([[1, 1, 0]])
    AL = np.array([[.8, .9, 0.4]])
    m = Y.shape[1]
    case("c1w4_compute_cost", Y=Y, AL=AL, cost=-1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))

    np.random.seed(2)
    dA = np.random.randn(1, 2)
    A = np.random.randn(3, 2)
    W = np.random.randn(1, 3)
    b = np.random.randn(1, 1)
    Z = np.random.randn(1, 2)
    for act in ("sigmoid", "relu"):
        dA_prev, dW, db = linear_activation_backward(dA, ((A, W, b), Z), act)
        case("c1w4_linear_activation_backward_" + act, dA=dA, A=A, W=W, b=b, Z=Z, dA_prev=dA_prev, dW=dW, db=db)

    np.random.seed(3)
    AL = np.random.randn(1, 2)
    Y = np.array([[1, 0]])
    A1 = np.random.randn(4, 2)
    W1 = np.random.randn(3, 4)
    b1 = np.random.randn(3, 1)
    Z1 = np.random.randn(3, 2)
    A2 = np.random.randn(3, 2)
    W2 = np.random.randn(1, 3)
    b2 = np.random.randn(1, 1)
    Z2 = np.random.randn(1, 2)
    grads = L_model_backward(AL, Y, [((A1, W1, b1), Z1), ((A2, W2, b2), Z2)])
    case("c1w4_L_model_backward", AL=AL, Y=Y, A1=A1, W1=W1, b1=b1, Z1=Z1, A2=A2, W2=W2, b2=b2, Z2=Z2,
         **{k: v for k, v in grads.items()})

    np.random.seed(2)
    p = {"W1": np.random.randn(3, 4), "b1": np.random.randn(3, 1), "W2": np.random.randn(1, 3),
         "b2": np.random.randn(1, 1)}
    np.random.seed(3)
    g = {"dW1": np.random.randn(3, 4), "db1": np.random.randn(3, 1), "dW2": np.random.randn(1, 3),
         "db2": np.random.randn(1, 1)}
    out = {k + "_new": p[k] - 0.1 * g["d" + k] for k in p}
    case("c1w4_update_parameters", **p, **g, **out)

    # the application: L_layer_model on a small random set, 30 steps
    np.random.seed(1)
    X = np.random.randn(6, 12)
    Y = (np.random.rand(1, 12) > 0.5).astype(float)
    dims = [6, 5, 3, 1]
    np.random.seed(1)
    params = {}
    for l in range(1, len(dims)):
        params['W' + str(l)] = np.random.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        params['b' + str(l)] = np.zeros((dims[l], 1))
    costs = []
    for i in range(301):
        AL, caches = L_model_forward(X, params)
        cost = float(np.squeeze(-1 / 12 * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))))
        grads = L_model_backward(AL, Y, caches)
        for l in range(1, len(dims)):
            params["W" + str(l)] = params["W" + str(l)] - 0.0075 * 10 * grads["dW" + str(l)]
            params["b" + str(l)] = params["b" + str(l)] - 0.0075 * 10 * grads["db" + str(l)]
        if i % 100 == 0:
            costs.append(cost)
    case("c1w4_L_layer_model_small", X=X, Y=Y, costs=costs, last_cost=cost, **params)


# ---------------------------------------------------------------------------------- C2W1 / C2W2 utils

def utils_forward(X, parameters):
    return L_model_forward(X, parameters)


def utils_backward(X, Y, AL, caches):
    """init_utils / reg_utils / opt_utils backward_propagation: dz3 = 1./m * (a3 - Y) (any depth)."""
    m = X.shape[1]
    L = len(caches)
    grads = {}
    dz = 1. / m * (AL - Y)
    for l in reversed(range(L)):
        (A_prev, W, b), Z = caches[l]
        if l < L - 1:
            dz = np.multiply(da, np.int64(caches[l + 1][0][0] > 0))
        grads["dW" + str(l + 1)] = np.dot(dz, A_prev.T)
        grads["db" + str(l + 1)] = np.sum(dz, axis=1, keepdims=True)
        da = np.dot(W.T, dz)
    return grads


def nan_cost(a3, Y):
    m = Y.shape[1]
    with np.errstate(divide='ignore', invalid='ignore'):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def gd_loop(X, Y, parameters, lr, iterations, every):
    costs = []
    L = len(parameters) // 2
    for i in range(iterations):
        a3, caches = utils_forward(X, parameters)
        cost = nan_cost(a3, Y)
        grads = utils_backward(X, Y, a3, caches)
        for l in range(1, L + 1):
            parameters["W" + str(l)] = parameters["W" + str(l)] - lr * grads["dW" + str(l)]
            parameters["b" + str(l)] = parameters["b" + str(l)] - lr * grads["db" + str(l)]
        if i % every == 0:
            costs.append(cost)
    return costs


def init_he(dims, seed=3):
    np.random.seed(seed)
    p = {}
    for l in range(1, len(dims)):
        p['W' + str(l)] = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2. / dims[l - 1])
        p['b' + str(l)] = np.zeros((dims[l], 1))
    return p


def initialization():
    np.random.seed(3)
    dims = [3, 2, 1]
    p = {}
    for l in range(1, len(dims)):
        p['W' + str(l)] = np.random.randn(dims[l], dims[l - 1]) * 10
        p['b' + str(l)] = np.zeros((dims[l], 1))
    case("c2w1_initialize_parameters_random", **p)
    train_X, train_Y, test_X, test_Y = circles_c2w1()
    case("c2w1_circles", train_X=train_X, train_Y=train_Y, test_X=test_X, test_Y=test_Y)
    dims = [2, 10, 5, 1]
    for name, params in (("he", init_he(dims)), ("zeros", {k: np.zeros_like(v) for k, v in init_he(dims).items()})):
        costs = gd_loop(train_X, train_Y, params, 0.01, 2001, 1000)
        a3, _ = utils_forward(test_X, params)
        case("c2w1_init_model_%s_2001" % name, costs=costs, test_pred=(a3 > 0.5).astype(float), **params)
    np.random.seed(3)
    params = {}
    for l in range(1, len(dims)):
        params['W' + str(l)] = np.random.randn(dims[l], dims[l - 1]) * 10
        params['b' + str(l)] = np.zeros((dims[l], 1))
    costs = gd_loop(train_X, train_Y, params, 0.01, 1001, 1000)
    case("c2w1_init_model_random_1001", costs=costs)


def regularization():
    # compute_cost_with_regularization_test_case (notebook)
    np.random.seed(1)
    Y = np.array([[1, 1, 0, 1, 0]])
    W1 = np.random.randn(2, 3)
    b1 = np.random.randn(2, 1)
    W2 = np.random.randn(3, 2)
    b2 = np.random.randn(3, 1)
    W3 = np.random.randn(1, 3)
    b3 = np.random.randn(1, 1)
    a3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    m = Y.shape[1]
    ce = nan_cost(a3, Y)
    l2 = (1. / m * 0.1 / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    case("c2w1_compute_cost_with_regularization", Y=Y, W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3, a3=a3,
         cost=ce + l2)

    # backward_propagation_with_regularization on a forward pass of random parameters
    np.random.seed(1)
    X = np.random.randn(3, 5)
    Y = np.array([[1, 1, 0, 1, 0]])
    p = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1), "W2": np.random.randn(3, 2),
         "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    a3, caches = utils_forward(X, p)
    lambd = 0.7
    grads = {}
    m = X.shape[1]
    (A2, W3, _), _ = caches[2]
    (A1, W2, _), _ = caches[1]
    dZ3 = a3 - Y
    grads["dW3"] = 1. / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    grads["db3"] = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    grads["dW2"] = 1. / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    grads["db2"] = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    grads["dW1"] = 1. / m * np.dot(dZ1, X.T) + (lambd / m) * p["W1"]
    grads["db1"] = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    case("c2w1_backward_propagation_with_regularization", X=X, Y=Y, **p, **grads)

    # forward_propagation_with_dropout_test_case (notebook) and the backward pass on it
    np.random.seed(1)
    X = np.random.randn(3, 5)
    p = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1), "W2": np.random.randn(3, 2),
         "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    A3, cache = dropout_forward(X, p, 0.7)
    Y = np.array([[1, 1, 0, 1, 0]])
    grads = dropout_backward(X, Y, cache, 0.8 - 0.1)
    case("c2w1_dropout", X=X, Y=Y, **p, A3=A3, D1=cache[1], D2=cache[6], **grads)

    # the three models on a small 2-D set, 1001 iterations each
    np.random.seed(7)
    Xr = np.random.rand(2, 80) * 2 - 1
    Yr = ((Xr[0] * Xr[0] * 0.7 + Xr[1] > 0.1) ^ (np.random.rand(80) < 0.12)).astype(float).reshape(1, -1)
    case("c2w1_reg_data", X=Xr, Y=Yr)
    for name, lambd, keep in (("none", 0, 1), ("l2", 0.7, 1), ("dropout", 0, 0.86)):
        costs, params = reg_model(Xr, Yr, 0.3, 1001, lambd, keep)
        case("c2w1_reg_model_%s_1001" % name, costs=costs, **params)


def dropout_forward(X, parameters, keep_prob):
    np.random.seed(1)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = (D1 < keep_prob).astype(int)
    A1 = A1 * D1
    A1 = A1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = (D2 < keep_prob).astype(int)
    A2 = A2 * D2
    A2 = A2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def dropout_backward(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = dA2 * D2
    dA2 = dA2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dA1": dA1, "dA2": dA2, "dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def reg_model(X, Y, learning_rate, num_iterations, lambd, keep_prob):
    dims = [X.shape[0], 20, 3, 1]
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(dims)):
        parameters['W' + str(l)] = np.random.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        parameters['b' + str(l)] = np.zeros((dims[l], 1))
    m = X.shape[1]
    costs = []
    for i in range(num_iterations):
        if keep_prob == 1:
            a3, caches = utils_forward(X, parameters)
        else:
            a3, cache = dropout_forward(X, parameters, keep_prob)
        if lambd == 0:
            cost = nan_cost(a3, Y)
        else:
            cost = nan_cost(a3, Y) + (1. / m * lambd / 2) * sum(
                np.sum(np.square(parameters["W%d" % l])) for l in (1, 2, 3))
        if lambd == 0 and keep_prob == 1:
            grads = utils_backward(X, Y, a3, caches)
        elif lambd != 0:
            grads = utils_backward(X, Y, a3, caches)
            for l in (1, 2, 3):
                # the notebook: 1./m * np.dot(dZ, A.T) + (lambd/m) * W
                grads["dW%d" % l] = grads["dW%d" % l] + (lambd / m) * parameters["W%d" % l]
        else:
            grads = dropout_backward(X, Y, cache, keep_prob)
        for l in (1, 2, 3):
            parameters["W%d" % l] = parameters["W%d" % l] - learning_rate * grads["dW%d" % l]
            parameters["b%d" % l] = parameters["b%d" % l] - learning_rate * grads["db%d" % l]
        if i % 1000 == 0:
            costs.append(cost)
    return costs, parameters


def gradient_checking():
    np.random.seed(1)
    x = np.random.randn(4, 3)
    y = np.array([1, 1, 0])
    p = {"W1": np.random.randn(5, 4), "b1": np.random.randn(5, 1), "W2": np.random.randn(3, 5),
         "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}

    def forward_n(X, Y, params):
        m = X.shape[1]
        a3, caches = utils_forward(X, params)
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
        return 1. / m * np.sum(logprobs), (a3, caches)

    def backward_n(X, Y, fwd, bugs):
        a3, caches = fwd
        m = X.shape[1]
        (A2, W3, _), _ = caches[2]
        (A1, W2, _), _ = caches[1]
        dZ3 = a3 - Y
        dW3 = 1. / m * np.dot(dZ3, A2.T)
        db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
        dA2 = np.dot(W3.T, dZ3)
        dZ2 = np.multiply(dA2, np.int64(A2 > 0))
        dW2 = 1. / m * np.dot(dZ2, A1.T) * (2 if bugs else 1)
        db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
        dA1 = np.dot(W2.T, dZ2)
        dZ1 = np.multiply(dA1, np.int64(A1 > 0))
        dW1 = 1. / m * np.dot(dZ1, X.T)
        db1 = (4. if bugs else 1.) / m * np.sum(dZ1, axis=1, keepdims=True)
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}

    keys = ["W1", "b1", "W2", "b2", "W3", "b3"]

    def check(grads, epsilon=1e-7):
        theta = np.concatenate([p[k].reshape(-1, 1) for k in keys])
        grad = np.concatenate([grads["d" + k].reshape(-1, 1) for k in keys])
        n = theta.shape[0]
        approx = np.zeros((n, 1))

        def unflatten(t):
            out, o = {}, 0
            for k in keys:
                s = p[k].size
                out[k] = t[o:o + s].reshape(p[k].shape)
                o += s
            return out

        for i in range(n):
            tp = np.copy(theta)
            tp[i] = tp[i] + epsilon
            jp, _ = forward_n(x, y, unflatten(tp))
            tm = np.copy(theta)
            tm[i] = tm[i] - epsilon
            jm, _ = forward_n(x, y, unflatten(tm))
            approx[i] = (jp - jm) / (2 * epsilon)
        return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))

    cost, fwd = forward_n(x, y, p)
    good = backward_n(x, y, fwd, False)
    bad = backward_n(x, y, fwd, True)
    case("c2w1_gradient_check_n", X=x, Y=y, **p, cost=cost, **good, difference=check(good),
         difference_with_bugs=check(bad))


def optimization():
    X, Y = moons_c2w2()
    case("c2w2_moons", X=X, Y=Y)
    dims = [X.shape[0], 5, 2, 1]
    runs = [("gd", dict(optimizer="gd")), ("momentum", dict(optimizer="momentum")),
            ("adam", dict(optimizer="adam")),
            ("gd_update_lr", dict(optimizer="gd", learning_rate=0.1, decay=update_lr)),
            ("gd_schedule", dict(optimizer="gd", learning_rate=0.1, decay=schedule_lr_decay)),
            ("momentum_schedule", dict(optimizer="momentum", learning_rate=0.1, decay=schedule_lr_decay)),
            ("adam_schedule", dict(optimizer="adam", learning_rate=0.01, decay=schedule_lr_decay))]
    for name, kw in runs:
        params, costs, rates = opt_model(X, Y, dims, num_epochs=201, **kw)
        a3, _ = utils_forward(X, params)
        case("c2w2_model_%s_201" % name, costs=costs, rates=rates, accuracy=np.mean((a3 > 0.5)[0, :] == Y[0, :]),
             **params)
    for name, kw in runs:
        params, costs, rates = opt_model(X, Y, dims, num_epochs=5000, **kw)
        a3, _ = utils_forward(X, params)
        printed = [costs[i] for i in range(0, 50, 10)]  # epochs 0, 1000, ..., 4000 as the notebook prints them
        case("c2w2_model_%s_5000" % name, printed=printed, accuracy=np.mean((a3 > 0.5)[0, :] == Y[0, :]))


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


def random_mini_batches(X, Y, mini_batch_size, seed):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    batches = []
    for k in range(0, m, mini_batch_size):
        batches.append((shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size]))
    return batches


def opt_model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9,
              beta2=0.999, epsilon=1e-8, num_epochs=5000, decay=None, decay_rate=1):
    L = len(layers_dims)
    costs, rates = [], []
    t = 0
    seed = 10
    m = X.shape[1]
    learning_rate0 = learning_rate
    parameters = init_he(layers_dims)
    v = {k2: np.zeros_like(v2) for k2, v2 in (("d" + k, p) for k, p in parameters.items())}
    s = {k2: np.zeros_like(v2) for k2, v2 in (("d" + k, p) for k, p in parameters.items())}
    for i in range(num_epochs):
        seed = seed + 1
        cost_total = 0
        for mb_X, mb_Y in random_mini_batches(X, Y, mini_batch_size, seed):
            a3, caches = utils_forward(mb_X, parameters)
            logprobs = np.multiply(-np.log(a3), mb_Y) + np.multiply(-np.log(1 - a3), 1 - mb_Y)
            cost_total += np.sum(logprobs)
            grads = utils_backward(mb_X, mb_Y, a3, caches)
            for l in range(1, L):
                for P in ("W", "b"):
                    k, d = P + str(l), "d" + P + str(l)
                    if optimizer == "gd":
                        parameters[k] = parameters[k] - learning_rate * grads[d]
                    elif optimizer == "momentum":
                        v[d] = beta * v[d] + (1 - beta) * grads[d]
                        parameters[k] = parameters[k] - learning_rate * v[d]
            if optimizer == "adam":
                t = t + 1
                for l in range(1, L):
                    for P in ("W", "b"):
                        k, d = P + str(l), "d" + P + str(l)
                        v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
                        v_c = v[d] / (1 - beta1 ** t)
                        s[d] = beta2 * s[d] + (1 - beta2) * (grads[d] ** 2)
                        s_c = s[d] / (1 - beta2 ** t)
                        parameters[k] = parameters[k] - learning_rate * v_c / (np.sqrt(s_c) + epsilon)
        cost_avg = cost_total / m
        if decay:
            learning_rate = decay(learning_rate0, i, decay_rate)
        if i % 100 == 0:
            costs.append(cost_avg)
            rates.append(learning_rate)
    return parameters, costs, rates


def framework_intro():
    np.random.seed(1)
    X = np.random.randn(3, 1)
    W = np.random.randn(4, 3)
    b = np.random.randn(4, 1)
    case("c2w3_linear_function", Y=np.dot(W, X) + b)
    np.random.seed(2)
    X = np.random.randn(20, 2) * 0.1       # the notebook's X is (12288, m); any n_x works the same way
    W1 = np.random.randn(25, 20) * 0.1
    b1 = np.random.randn(25, 1) * 0.01
    W2 = np.random.randn(12, 25) * 0.1
    b2 = np.random.randn(12, 1) * 0.1
    W3 = np.random.randn(6, 12) * 0.1
    b3 = np.random.randn(6, 1) * 0.1
    Z3 = np.dot(W3, relu(np.dot(W2, relu(np.dot(W1, X) + b1)) + b2)) + b3
    case("c2w3_forward_propagation", X=X, W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3, Z3=Z3)


def main():
    numpy_basics()
    lr_model()
    planar()
    deep_net()
    initialization()
    regularization()
    gradient_checking()
    optimization()
    framework_intro()
    with open(OUT, "w") as f:
        f.write("# The learner's companion's golden cases: tools/gen_companion_golden.py, numpy %s.\n" % np.__version__)
        f.write("# case ID / NAME SHAPE VALUES... (row-major; SHAPE - is a number) / end\n")
        for cid, items in CASES:
            f.write("case %s\n" % cid)
            for k, v in items.items():
                f.write(item(k, v) + "\n")
            f.write("end\n")
    print("wrote %d cases to %s (%d bytes)" % (len(CASES), os.path.normpath(OUT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
