#!/usr/bin/env python3
"""Evaluate a swift-icnn model file with numpy alone (no swift-icnn, no PyTorch).

usage: python3 icnn_numpy.py MODEL.safetensors DATA.csv    # prints one prediction per row

The file is safetensors: an 8-byte little-endian header length, a JSON header (tensor name -> dtype, shape,
data_offsets; "__metadata__" -> {"icnn.config": JSON}), then little-endian Float32 data. Weights are [out, in].
The model computes f(x) = s_y * g((x - m_x) / s_x) + m_y, with g the architecture below.
"""
import json
import struct
import sys

import numpy as np


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = {"F32": "<f4", "F64": "<f8"}[entry["dtype"]]
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(entry["shape"]).astype(np.float64)
    return tensors, json.loads(meta["icnn.config"])


def activation(spec, v):
    kind, args = next(iter(spec.items()))
    if kind == "relu":
        return np.maximum(v, 0)
    if kind == "leakyRelu":
        return np.where(v > 0, v, args["slope"] * v)
    if kind == "softplus":
        return np.logaddexp(0, v)
    if kind == "softplusTemperature":
        t = args["_0"]
        return t * np.logaddexp(0, v / t)
    if kind == "identity":
        return v
    raise ValueError(f"unknown activation {kind}")


def ficnn(a, T, x):
    g = lambda v: activation(a["activation"], v)
    z = g(x @ T["layers.0.wy"].T + T["layers.0.b"])
    if a["quadraticFirstLayer"]:
        z = z + (x @ T["layers.0.wq"].T) ** 2
    for k in range(1, len(a["widths"])):
        z = g(z @ T[f"layers.{k}.wz"].T + x @ T[f"layers.{k}.wy"].T + T[f"layers.{k}.b"])
    f = z @ T["output.wz"].T + x @ T["output.wy"].T + T["output.b"]
    return f + 0.5 * a["strongConvexity"] * np.sum(x * x, axis=1, keepdims=True)


def hycnn(a, T, x):
    gate = a["gate"]
    if "max" in gate:
        merge = np.maximum
    else:
        t = gate["logSumExp"]["temperature"]
        merge = lambda p, q: t * np.logaddexp(p / t, q / t)
    z = None
    for l in range(len(a["widths"])):
        lanes = []
        for j in (1, 2):
            pre = T[f"blocks.{l}.b{j}"]
            if l == 0 or a["inputSkips"]:
                pre = pre + x @ T[f"blocks.{l}.w{j}"].T
            if l > 0:
                pre = pre + z @ T[f"blocks.{l}.v{j}"].T
            lanes.append(pre)
        z = merge(*lanes)
    f = z @ T["output.v"].T + T["output.b"]
    if a["inputSkips"]:
        f = f + x @ T["output.w"].T
    return f


def mlp(a, T, x):
    h = x
    layers = len(a["widths"]) + 1
    for k in range(layers):
        h = h @ T[f"layers.{k}.weight"].T + T[f"layers.{k}.bias"]
        if k < layers - 1:
            h = np.maximum(h, 0)
    return h


def predict(path, X):
    """Predictions [n, 1] for inputs X [n, d] in the model's input order."""
    T, config = load(path)
    kind, wrapped = next(iter(config["architecture"].items()))
    forward = {"ficnn": ficnn, "hycnn": hycnn, "mlp": mlp}.get(kind)
    if forward is None:
        raise ValueError(f"this script evaluates ficnn, hycnn and mlp models, not {kind}")
    s_in, s_out = config["inputStandardization"], config["targetStandardization"]
    x = (np.asarray(X, dtype=np.float64) - s_in["mean"]) / s_in["scale"]
    return forward(wrapped["_0"], T, x) * s_out["scale"][0] + s_out["mean"][0]


if __name__ == "__main__":
    model_path, csv_path = sys.argv[1], sys.argv[2]
    _, config = load(model_path)
    with open(csv_path) as f:
        names = f.readline().strip().split(",")
    table = np.loadtxt(csv_path, delimiter=",", skiprows=1, ndmin=2)
    X = table[:, [names.index(c) for c in config["inputs"]]]
    for value in predict(model_path, X)[:, 0]:
        print(repr(float(value)))
