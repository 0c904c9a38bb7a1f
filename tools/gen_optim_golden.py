#!/usr/bin/env python3
"""Writes golden steps of jdeep's optimizers, learning-rate schedules and gradient clipping, from the course's formulas.

    python3 tools/gen_optim_golden.py     # writes api/src/test/resources/org/jdeep/optim/optim_golden.txt

The formulas below are the Deep Learning Specialization's (Course 2, week 2, "Optimization Methods":
update_parameters_with_gd, update_parameters_with_momentum, update_parameters_with_adam, update_lr and
schedule_lr_decay; RMSprop from lecture 2.7; L2 regularisation's (lambd * W) / m from Course 2, week 1,
"Regularization"; clipping by value from Course 5, week 1, and by global norm), written in numpy, float64.
org.jdeep.optim.OptimizerGoldenTest replays each case through jdeep, step by step, and compares every
parameter (and the optimizer's state) with a relative tolerance of 1e-12.

Parameters and gradients are drawn from np.random.RandomState(seed).randn. Parameter names follow
org.jdeep.nn.Sequential ("0.weight" (in, out), "0.bias" (out)); weight decay applies to the "weight"s only,
as the course regularises W and not b, and as org.jdeep.loss.L2Penalty.weightsOf selects. In one step the
gradient is dW += (lambd * W) / m, then clipping, then the optimizer's update.

Format (UTF-8 lines; '#' starts a comment; numbers are Python's repr, exact in float64):
    numpy VERSION
    case NAME                       a new case
    optimizer sgd LR | momentum LR BETA | rmsprop LR BETA2 EPS | adam LR BETA1 BETA2 EPS
    decay LAMBD M                   weight decay (optional)
    clip value C | clip norm N      gradient clipping (optional)
    param NAME SHAPE v...           initial parameter (SHAPE like 3x2, or 4)
    step K                          step K (from 1): the lines up to the next step/end belong to it
    grad NAME SHAPE v...            the gradient dW given for this step (the test makes loss = sum(W * G))
    expect NAME SHAPE v...          the parameter after the step
    state KIND NAME SHAPE v...      the optimizer's state after the step (KIND v: velocity, s: squares)
    end
    schedule inverse LR0 DECAY EPOCH -> LR           update_lr
    schedule interval LR0 DECAY INTERVAL EPOCH -> LR schedule_lr_decay
    schedule exponential LR0 BASE EPOCH -> LR        BASE**EPOCH * LR0
    norm SEED -> NORM                                global norm of the gradients of the "norm" case below
"""
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "api", "src", "test", "resources", "org", "jdeep", "optim", "optim_golden.txt")

SHAPES = {"0.weight": (3, 2), "0.bias": (2,), "1.weight": (2, 1), "1.bias": (1,)}


def fmt(name, a):
    a = np.asarray(a, dtype=np.float64)
    shape = "x".join(str(d) for d in a.shape) if a.ndim else "-"
    return "%s %s %s" % (name, shape, " ".join(repr(float(v)) for v in a.ravel()))


# ----------------------------------------------------------------------------- the course's formulas

def update_parameters_with_gd(params, grads, lr, state, t, cfg):
    for k in params:
        params[k] = params[k] - lr * grads[k]


def update_parameters_with_momentum(params, grads, lr, state, t, cfg):
    beta = cfg["beta"]
    for k in params:
        state["v"][k] = beta * state["v"][k] + (1 - beta) * grads[k]
        params[k] = params[k] - lr * state["v"][k]


def update_parameters_with_rmsprop(params, grads, lr, state, t, cfg):
    beta2, eps = cfg["beta2"], cfg["epsilon"]
    for k in params:
        state["s"][k] = beta2 * state["s"][k] + (1 - beta2) * np.power(grads[k], 2)
        params[k] = params[k] - lr * grads[k] / (np.sqrt(state["s"][k]) + eps)


def update_parameters_with_adam(params, grads, lr, state, t, cfg):
    beta1, beta2, eps = cfg["beta1"], cfg["beta2"], cfg["epsilon"]
    for k in params:
        state["v"][k] = beta1 * state["v"][k] + (1 - beta1) * grads[k]
        v_corrected = state["v"][k] / (1 - np.power(beta1, t))
        state["s"][k] = beta2 * state["s"][k] + (1 - beta2) * np.power(grads[k], 2)
        s_corrected = state["s"][k] / (1 - np.power(beta2, t))
        params[k] = params[k] - lr * v_corrected / (np.sqrt(s_corrected) + eps)


UPDATES = {"sgd": update_parameters_with_gd, "momentum": update_parameters_with_momentum,
           "rmsprop": update_parameters_with_rmsprop, "adam": update_parameters_with_adam}
STATE_KINDS = {"sgd": [], "momentum": ["v"], "rmsprop": ["s"], "adam": ["v", "s"]}


def clip_by_value(grads, c):
    return {k: np.clip(g, -c, c) for k, g in grads.items()}


def global_norm(grads):
    return math.sqrt(sum(float(np.sum(g * g)) for g in grads.values()))


def clip_by_norm(grads, max_norm):
    norm = global_norm(grads)
    if norm <= max_norm:
        return grads
    return {k: g * (max_norm / norm) for k, g in grads.items()}


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


# ----------------------------------------------------------------------------- cases

def case(lines, name, kind, cfg, seed, steps=3, decay=None, clip=None, grad_scale=1.0):
    rng = np.random.RandomState(seed)
    params = {k: rng.randn(*s) for k, s in SHAPES.items()}
    state = {kind_: {k: np.zeros(s) for k, s in SHAPES.items()} for kind_ in STATE_KINDS[kind]}
    lines.append("case " + name)
    lines.append("optimizer " + kind + " " + " ".join(repr(float(v)) for v in cfg.values()))
    if decay:
        lines.append("decay %r %d" % decay)
    if clip:
        lines.append("clip %s %r" % clip)
    for k, p in params.items():
        lines.append(fmt("param " + k, p))
    lr = cfg["learning_rate"]
    for t in range(1, steps + 1):
        given = {k: rng.randn(*s) * grad_scale for k, s in SHAPES.items()}
        lines.append("step %d" % t)
        for k, g in given.items():
            lines.append(fmt("grad " + k, g))
        grads = dict(given)
        if decay:
            lambd, m = decay
            grads = {k: g + (lambd * params[k]) / m if k.endswith("weight") else g for k, g in grads.items()}
        if clip and clip[0] == "value":
            grads = clip_by_value(grads, clip[1])
        elif clip and clip[0] == "norm":
            grads = clip_by_norm(grads, clip[1])
        UPDATES[kind](params, grads, lr, state, t, cfg)
        for k, p in params.items():
            lines.append(fmt("expect " + k, p))
        for kind_ in STATE_KINDS[kind]:
            for k, s in state[kind_].items():
                lines.append(fmt("state %s %s" % (kind_, k), s))
    lines.append("end")


def main():
    lines = ["# Golden optimizer steps for org.jdeep.optim.OptimizerGoldenTest; written by tools/gen_optim_golden.py",
             "# (see it for the format and the formulas). Do not edit by hand.",
             "numpy " + np.__version__]
    sgd = lambda lr: {"learning_rate": lr}
    momentum = lambda lr, beta: {"learning_rate": lr, "beta": beta}
    rmsprop = lambda lr, b2, eps: {"learning_rate": lr, "beta2": b2, "epsilon": eps}
    adam = lambda lr, b1, b2, eps: {"learning_rate": lr, "beta1": b1, "beta2": b2, "epsilon": eps}

    case(lines, "sgd", "sgd", sgd(0.01), seed=1)
    case(lines, "sgd.weight_decay", "sgd", sgd(0.1), seed=2, decay=(0.7, 5))
    case(lines, "momentum.course_defaults", "momentum", momentum(0.01, 0.9), seed=3, steps=4)
    case(lines, "momentum.clip_value", "momentum", momentum(0.1, 0.5), seed=4, clip=("value", 0.5))
    case(lines, "rmsprop", "rmsprop", rmsprop(0.01, 0.999, 1e-8), seed=5)
    case(lines, "rmsprop.clip_norm", "rmsprop", rmsprop(0.001, 0.9, 1e-6), seed=6, clip=("norm", 1.0))
    case(lines, "adam.course_defaults", "adam", adam(0.01, 0.9, 0.999, 1e-8), seed=7, steps=4)
    case(lines, "adam.course_test", "adam", adam(0.02, 0.8, 0.888, 1e-2), seed=8)
    case(lines, "adam.decay_and_clip_norm", "adam", adam(0.005, 0.9, 0.999, 1e-8), seed=9, decay=(0.1, 3),
         clip=("norm", 2.0))
    # gradients of norm 0.5 to 0.8, below the limit of 10: the clipping must leave them unchanged
    case(lines, "sgd.clip_norm_inactive", "sgd", sgd(0.05), seed=10, clip=("norm", 10.0), grad_scale=0.2)

    for lr0, decay, epoch in [(0.5, 1.0, 0), (0.5, 1.0, 2), (0.3, 0.25, 7), (0.01, 0.5, 100)]:
        lines.append("schedule inverse %r %r %d -> %r" % (lr0, decay, epoch, update_lr(lr0, epoch, decay)))
    for lr0, decay, interval, epoch in [(0.5, 1.0, 100, 100), (0.5, 0.3, 100, 10), (0.3, 0.25, 100, 1000),
                                        (0.1, 1.0, 10, 25), (0.1, 2.0, 1000, 999)]:
        lines.append("schedule interval %r %r %d %d -> %r"
                     % (lr0, decay, interval, epoch, float(schedule_lr_decay(lr0, epoch, decay, interval))))
    for lr0, base, epoch in [(0.2, 0.95, 0), (0.2, 0.95, 1), (0.2, 0.95, 10), (0.1, 0.5, 3)]:
        lines.append("schedule exponential %r %r %d -> %r" % (lr0, base, epoch, float(np.power(base, epoch) * lr0)))
    for seed in [11, 12]:
        rng = np.random.RandomState(seed)
        grads = {k: rng.randn(*s) for k, s in SHAPES.items()}
        lines.append("norm %d -> %r" % (seed, global_norm(grads)))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%d lines)" % (os.path.normpath(OUT), len(lines)))


if __name__ == "__main__":
    main()
