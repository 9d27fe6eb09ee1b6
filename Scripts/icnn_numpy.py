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


def picnn(a, T, inp):
    g = lambda v: activation(a["activation"], v)
    convex = a["convexIn"]
    other = [c for c in range(a["inputs"]) if c not in convex]
    x, y = inp[:, other], inp[:, convex]
    L = len(a["widths"])
    u = [x]
    for i in range(L):
        u.append(g(u[i] @ T[f"u.{i}.weight"].T + T[f"u.{i}.bias"]))
    z = None
    for i in range(L + 1):
        W = lambda name: T[f"z.{i}.{name}"]
        pre = (y * (u[i] @ W("wyu").T + W("by"))) @ W("wy").T + u[i] @ W("wu").T + W("b")
        if i > 0:
            pre = pre + (z * np.maximum(u[i] @ W("wzu").T + W("bz"), 0)) @ W("wz").T
        z = g(pre) if i < L else pre
    return z


def conv(images, weight, height, width, kernel):
    """Stride-1 'same' convolution of channels-last images [n, H*W*C] with weight [out, k*k*C]."""
    n, out = images.shape[0], weight.shape[0]
    c = images.shape[1] // (height * width)
    p = kernel // 2
    padded = np.pad(images.reshape(n, height, width, c), ((0, 0), (p, p), (p, p), (0, 0)))
    w = weight.reshape(out, kernel, kernel, c)
    result = np.zeros((n, height, width, out))
    for kh in range(kernel):
        for kw in range(kernel):
            result += np.einsum("nhwc,oc->nhwo", padded[:, kh:kh + height, kw:kw + width, :], w[:, kh, kw, :])
    return result.reshape(n, height * width * out)


def conv_ficnn(a, T, x):
    g = lambda v: activation(a["activation"], v)
    H, W, k = a["height"], a["width"], a["kernel"]
    bias = lambda b: np.tile(b, H * W)  # a per-channel bias on a channels-last map
    z = g(conv(x, T["layers.0.wy"], H, W, k) + bias(T["layers.0.b"]))
    for i in range(1, len(a["filters"])):
        pre = conv(z, T[f"layers.{i}.wz"], H, W, k) + conv(x, T[f"layers.{i}.wy"], H, W, k)
        z = g(pre + bias(T[f"layers.{i}.b"]))
    return z @ T["output.wz"].T + x @ T["output.wy"].T + T["output.b"]


def conv_picnn(a, T, inp):
    g = lambda v: activation(a["activation"], v)
    H, Wd, k, L = a["height"], a["width"], a["kernel"], len(a["filters"])
    mask = np.zeros(inp.shape[1])
    mask[a["convexIn"]] = 1
    y, x = inp * mask, inp * (1 - mask)
    cv = lambda v, w: conv(v, w, H, Wd, k)
    bias = lambda b: np.tile(b, H * Wd)
    u = [x]
    for i in range(L):
        u.append(g(cv(u[i], T[f"u.{i}.weight"]) + bias(T[f"u.{i}.bias"])))
    z = None
    for i in range(L + 1):
        W = lambda name: T[f"z.{i}.{name}"]
        y_gated = y * (cv(u[i], W("wyu")) + bias(W("by")))
        z_gated = z * np.maximum(cv(u[i], W("wzu")) + bias(W("bz")), 0) if i > 0 else None
        if i < L:
            pre = cv(u[i], W("wu")) + bias(W("b")) + cv(y_gated, W("wy"))
            if i > 0:
                pre = pre + cv(z_gated, W("wz"))
            z = g(pre)
        else:
            f = y_gated @ W("wy").T + u[i] @ W("wu").T + W("b")
            return f + z_gated @ W("wz").T if i > 0 else f


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
    forwards = {
        "ficnn": ficnn, "hycnn": hycnn, "picnn": picnn, "mlp": mlp,
        "convolutionalFICNN": conv_ficnn, "convolutionalPICNN": conv_picnn,
    }
    forward = forwards.get(kind)
    if forward is None:
        raise ValueError(f"this script evaluates {', '.join(forwards)} models, not {kind}")
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
