#!/usr/bin/env python3
"""Writes a small safetensors file with Python's json and struct only: an independent writer for jdeep's reader.

    python3 tools/gen_safetensors_fixture.py    # writes api/src/test/resources/org/jdeep/io/fixture.safetensors

org.jdeep.io.SafeTensorsTest reads the file and checks every value below, so jdeep's reader is tested against
a writer that shares no code with jdeep's own (and none with the safetensors package either: the format is
simple enough to write from its specification, https://github.com/huggingface/safetensors#format):

    8 bytes   N = len(header), unsigned little-endian (struct '<Q')
    N bytes   UTF-8 JSON header, padded with spaces to a multiple of 8
    rest      the tensors' bytes, little-endian, row-major; data_offsets count from the end of the header

To exercise the reader, the file differs from what jdeep writes: the header's keys are sorted (as
json.dumps(sort_keys=True) and the reference writer do) while the data lies in another order; the metadata
uses \\u escapes, a surrogate pair included (json.dumps escapes non-ASCII by default); there is a scalar
(shape []) and an empty tensor (shape [0, 4], zero bytes).
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "api", "src", "test", "resources", "org", "jdeep", "io", "fixture.safetensors")

# name: (dtype, shape, values); values are exact in their dtype (float32 rounds 0.1 to 0.100000001490116...)
TENSORS = {
    "dense.weight": ("F32", [2, 3], [0.5, -1.25, 3.0, 0.1, -0.0, 1e30]),
    "dense.bias": ("F64", [3], [0.1, -2.5, 1e-300]),
    "labels": ("I32", [2, 2], [0, 1, -7, 2147483647]),
    "step": ("F64", [], [42.0]),
    "empty": ("F32", [0, 4], []),
}
# the order of the tensors' bytes in the data section (not the header's order)
DATA_ORDER = ["labels", "dense.weight", "step", "empty", "dense.bias"]
METADATA = {"format": "pt", "seed": "1", "note": "independent writer \u00e9 \u2713 \U0001F600"}
PACK = {"F32": "f", "F64": "d", "I32": "i"}


def main():
    header = {"__metadata__": METADATA}
    data = b""
    for name in DATA_ORDER:
        dtype, shape, values = TENSORS[name]
        raw = struct.pack("<%d%s" % (len(values), PACK[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, sort_keys=True).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(OUT, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    print("wrote %s (%d bytes; header %d bytes)" % (os.path.normpath(OUT), 8 + len(text) + len(data), len(text)))


if __name__ == "__main__":
    main()
