#!/usr/bin/env python3
"""Writes the tiny data files that jdeep's loaders are tested on (a few KB in all).

    python3 tools/gen_data_fixtures.py

writes, under api/src/test/resources/org/jdeep/data/ (read by org.jdeep.data.*Test):

    npy/   .npy files written by numpy's own np.save / np.lib.format.write_array: every dtype jdeep reads
           (<f4 <f8 |i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8 |b1, and a big-endian >f8), C and Fortran order, format
           versions 1.0 and 2.0, a scalar, an empty array, and numpy files jdeep must refuse (complex, half
           precision, unicode strings, structured, integers past int32's range)
    npz/   np.savez (entries stored) and np.savez_compressed (entries deflated) of the same two arrays
    idx/   IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/) written with struct from the
           format's description, one per element type, and a gzipped one
    csv/   small CSV files: with a header row (quoted names included), without one, gzipped
    images/ PNG files written byte by byte with zlib and struct from the PNG specification (RGB, grey, grey
           with alpha, RGBA, 16-bit grey, palette), JPEG files written by Pillow, and a folder-per-class
           layout (folder/cat, folder/noncat) for Images.folder

and, under models/src/test/resources/org/jdeep/models/data/, course_like.h5 (read by Hdf5Test): the layout of
the course's train_catvnoncat.h5 (train_set_x uint8 (m, 64, 64, 3) -> here (4, 2, 2, 3), train_set_y int64,
list_classes fixed-length byte strings) plus one dataset of every numeric type (half precision included), a
chunked gzip-compressed one, a nested group, a scalar, an empty one and what jdeep refuses (an int64 past int32's
range, a compound type), written by h5py.

Every value the tests check is written down below. The writers share no code with jdeep: numpy, h5py and
Pillow are the reference implementations, and the IDX and PNG writers follow the formats' specifications.

Needs numpy; h5py for the .h5 file and Pillow for the JPEG files. A part whose module is missing is skipped
with a message and its committed files are left as they are. On Debian, everything comes from the
distribution: apt-get install python3-numpy python3-h5py python3-pil, then run with /usr/bin/python3.
"""
import gzip
import os
import struct
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
DATA = os.path.join(ROOT, "api", "src", "test", "resources", "org", "jdeep", "data")
MODELS = os.path.join(ROOT, "models", "src", "test", "resources", "org", "jdeep", "models", "data")


def out(*parts):
    path = os.path.join(DATA, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------------------------------- npy

def npy():
    np.save(out("npy", "f4.npy"), np.array([[0.5, -1.25, 3.0], [0.1, -0.0, 1e30]], dtype="<f4"))
    np.save(out("npy", "f8.npy"), np.array([0.1, -2.5, 1e-300], dtype="<f8"))
    np.save(out("npy", "i4.npy"), np.array([0, 1, -7, 2147483647], dtype="<i4"))
    np.save(out("npy", "i8.npy"), np.array([[0, -1], [2147483647, -2147483648]], dtype="<i8"))
    np.save(out("npy", "u1.npy"), np.array([[0, 1, 127], [128, 254, 255]], dtype="|u1"))
    np.save(out("npy", "b1.npy"), np.array([True, False, True], dtype="|b1"))
    # Fortran order: numpy writes the bytes column by column; read back it is still [[1, 2, 3], [4, 5, 6]]
    np.save(out("npy", "f8_fortran.npy"), np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype="<f8")))
    # a rank-3 Fortran array: arange(24).reshape(2, 3, 4) in C order is 0, 1, 2, ..., 23
    np.save(out("npy", "i4_fortran3d.npy"), np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)))
    assert np.load(out("npy", "i4_fortran3d.npy")).flags["F_CONTIGUOUS"]
    np.save(out("npy", "i1.npy"), np.array([-128, 127], dtype="|i1"))
    np.save(out("npy", "i2.npy"), np.array([-300, 300], dtype="<i2"))
    np.save(out("npy", "u2.npy"), np.array([0, 65535], dtype="<u2"))
    np.save(out("npy", "u4.npy"), np.array([0, 2147483647], dtype="<u4"))
    np.save(out("npy", "u8.npy"), np.array([5], dtype="<u8"))
    np.save(out("npy", "f8_bigendian.npy"), np.array([1.5, -2.0], dtype=">f8"))
    np.save(out("npy", "scalar.npy"), np.array(42.0, dtype="<f8"))
    np.save(out("npy", "empty.npy"), np.zeros((0, 4), dtype="<f4"))
    with open(out("npy", "v2.npy"), "wb") as f:  # format version 2.0: a 4-byte header length
        np.lib.format.write_array(f, np.array([1.0, 2.0, 3.0], dtype="<f4"), version=(2, 0))
    # what jdeep refuses, as numpy writes it
    np.save(out("npy", "i8_overflow.npy"), np.array([1, 2147483648], dtype="<i8"))
    np.save(out("npy", "c8.npy"), np.array([1 + 2j], dtype="<c8"))
    np.save(out("npy", "u4_overflow.npy"), np.array([4000000000], dtype="<u4"))
    np.save(out("npy", "f2.npy"), np.array([1.0], dtype="<f2"))
    np.save(out("npy", "unicode.npy"), np.array(["ab"], dtype="<U2"))
    np.save(out("npy", "structured.npy"), np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]))


def npz():
    x = np.array([[1.5, -2.0], [0.25, 8.0]], dtype="<f4")
    y = np.array([3, -4], dtype="<i8")
    np.savez(out("npz", "stored.npz"), x=x, y=y)
    np.savez_compressed(out("npz", "deflated.npz"), x=x, y=y)


# ---------------------------------------------------------------------------------------------------- idx

IDX_TYPES = {"u1": (0x08, "B"), "i1": (0x09, "b"), "i2": (0x0B, "h"), "i4": (0x0C, "i"), "f4": (0x0D, "f"),
             "f8": (0x0E, "d")}


def idx_bytes(kind, shape, values):
    """IDX: two zero bytes, the type code, the number of dimensions, each dimension as a big-endian int32,
    then the values big-endian in row-major order."""
    code, fmt = IDX_TYPES[kind]
    header = struct.pack(">BBBB", 0, 0, code, len(shape)) + struct.pack(">%dI" % len(shape), *shape)
    return header + struct.pack(">%d%s" % (len(values), fmt), *values)


def idx():
    # three 2x2 "images" and their labels, as MNIST's train-images-idx3-ubyte / train-labels-idx1-ubyte
    images = idx_bytes("u1", [3, 2, 2], [0, 51, 102, 255, 1, 2, 3, 4, 255, 254, 253, 252])
    labels = idx_bytes("u1", [3], [7, 0, 9])
    write_bytes(out("idx", "images-idx3-ubyte"), images)
    write_bytes(out("idx", "labels-idx1-ubyte"), labels)
    with gzip.GzipFile(out("idx", "images-idx3-ubyte.gz"), "wb", mtime=0) as f:
        f.write(images)
    write_bytes(out("idx", "i1.idx"), idx_bytes("i1", [3], [-128, 0, 127]))
    write_bytes(out("idx", "i2.idx"), idx_bytes("i2", [2], [-300, 300]))
    write_bytes(out("idx", "i4.idx"), idx_bytes("i4", [2, 2], [-2147483648, -1, 0, 2147483647]))
    write_bytes(out("idx", "f4.idx"), idx_bytes("f4", [3], [0.5, -1.25, 3.0]))
    write_bytes(out("idx", "f8.idx"), idx_bytes("f8", [2], [0.1, -1e-300]))


# ---------------------------------------------------------------------------------------------------- csv

def csv():
    write_bytes(out("csv", "header.csv"),
                b'"sepal length (cm)",petal width,label\n5.1,0.2,0\n-4.9,3e2,2\n6.25,-0.5,1\n')
    # sklearn's layout: a first line "n_samples,n_features,class names..." that is no header, label last
    write_bytes(out("csv", "sklearn_style.csv"), b"3,2,setosa,versicolor,virginica\n1,2,0\n3,4,1\n5,6,2\n")
    with gzip.GzipFile(out("csv", "noheader.csv.gz"), "wb", mtime=0) as f:
        f.write(b"1,2,3\r\n4,5,6\r\n\r\n")  # Windows line ends and a trailing empty line


# ---------------------------------------------------------------------------------------------------- png

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width, height, bit_depth, color_type, rows, extra_chunks=()):
    """A PNG file from its specification: signature, IHDR, optional chunks, one IDAT holding the zlib stream of
    the rows each prefixed with filter type 0 (None), IEND."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    body = b"".join(chunk(k, d) for k, d in extra_chunks)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + body + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def rgb_rows(pixels):
    return [bytes(v for px in row for v in px) for row in pixels]


def png():
    # 8-bit RGB, 2 rows x 3 columns: (H, W, C) = (2, 3, 3)
    rgb = [[(255, 0, 0), (0, 255, 0), (0, 0, 255)], [(0, 0, 0), (255, 255, 255), (51, 102, 153)]]
    write_bytes(out("images", "rgb.png"), png_bytes(3, 2, 8, 2, rgb_rows(rgb)))
    # 8-bit grey 2x2: (2, 2, 1)
    write_bytes(out("images", "gray.png"), png_bytes(2, 2, 8, 0, [bytes([0, 128]), bytes([255, 51])]))
    # 8-bit grey + alpha 1x2: (1, 2, 2)
    write_bytes(out("images", "gray_alpha.png"), png_bytes(2, 1, 8, 4, [bytes([10, 255, 20, 0])]))
    # 8-bit RGBA 1x2: (1, 2, 4)
    write_bytes(out("images", "rgba.png"), png_bytes(2, 1, 8, 6, [bytes([1, 2, 3, 4, 250, 251, 252, 253])]))
    # 16-bit grey 1x2: values 0 and 65535 -> (1, 2, 1), raw 0 and 65535, scaled 0 and 1; and 1x1 value 257
    write_bytes(out("images", "gray16.png"), png_bytes(3, 1, 16, 0, [struct.pack(">3H", 0, 65535, 257)]))
    # palette (colour type 3) 1x3, indices 0 1 2 into red, green, blue: read as RGB (1, 3, 3)
    plte = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])
    write_bytes(out("images", "palette.png"), png_bytes(3, 1, 8, 3, [bytes([0, 1, 2])], [(b"PLTE", plte)]))
    # a folder-per-class layout: two 2x2 RGB cats, one non-cat, and a file that is no image (ignored)
    def solid(v):
        return png_bytes(2, 2, 8, 2, rgb_rows([[(v, v, v)] * 2] * 2))
    write_bytes(out("images", "folder", "cat", "cat1.png"), solid(255))
    write_bytes(out("images", "folder", "cat", "cat2.png"), solid(204))
    write_bytes(out("images", "folder", "noncat", "tree.png"), solid(0))
    write_bytes(out("images", "folder", "README.txt"), b"Class folders: cat (label 0), noncat (label 1).\n")


def jpeg():
    try:
        from PIL import Image
    except ImportError:
        print("skipping the JPEG files: needs Pillow (Debian: apt-get install python3-pil, run with /usr/bin/python3)")
        return
    # an 8x8 block of one colour survives JPEG almost exactly (only the DC coefficient is non-zero)
    Image.new("RGB", (8, 8), (200, 100, 50)).save(out("images", "orange.jpg"), quality=95, subsampling=0)
    Image.new("L", (16, 8), 77).save(out("images", "gray.jpg"), quality=95)


# ---------------------------------------------------------------------------------------------------- hdf5

def hdf5():
    try:
        import h5py
    except ImportError:
        print("skipping course_like.h5: needs h5py (Debian: apt-get install python3-h5py, run with /usr/bin/python3)")
        return
    os.makedirs(MODELS, exist_ok=True)
    path = os.path.join(MODELS, "course_like.h5")
    with h5py.File(path, "w", libver="earliest") as f:
        # the course's layout: train_set_x (m, 64, 64, 3) uint8, train_set_y (m,) int64, list_classes |S7
        f.create_dataset("train_set_x", data=(np.arange(48) * 5 % 256).astype("u1").reshape(4, 2, 2, 3))
        f.create_dataset("train_set_y", data=np.array([0, 1, 1, 0], dtype="<i8"))
        f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"], dtype="S7"))
        f.create_dataset("f4", data=np.array([[0.5, -1.25, 3.0], [0.1, -0.0, 1e30]], dtype="<f4"))
        f.create_dataset("f8", data=np.array([0.1, -2.5, 1e-300], dtype="<f8"))
        f.create_dataset("i1", data=np.array([-128, 0, 127], dtype="i1"))
        f.create_dataset("i2", data=np.array([-300, 300], dtype="<i2"))
        f.create_dataset("u2", data=np.array([0, 65535], dtype="<u2"))
        f.create_dataset("i4", data=np.array([-2147483648, 2147483647], dtype="<i4"))
        f.create_dataset("u4", data=np.array([0, 4000000000], dtype="<u4"))
        f.create_dataset("f8_big_endian", data=np.array([1.5, -2.0], dtype=">f8"))
        f.create_dataset("scalar", data=np.float64(3.5))
        f.create_dataset("compressed", data=np.arange(12, dtype="<f8").reshape(3, 4), chunks=(2, 2),
                         compression="gzip", compression_opts=4)
        f.create_dataset("extra/nested", data=np.array([11, 22], dtype="<i4"))
        f.create_dataset("u8", data=np.array([7, 8], dtype="<u8"))
        f.create_dataset("f2", data=np.array([1.0, -2.5], dtype="<f2"))  # half precision: read as FLOAT32
        f.create_dataset("empty", data=np.zeros((0, 3), dtype="<f4"))
        # what jdeep refuses
        f.create_dataset("i8_overflow", data=np.array([1, 2147483648], dtype="<i8"))
        f.create_dataset("compound", data=np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]))
    print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes")


def main():
    npy()
    npz()
    idx()
    csv()
    png()
    jpeg()
    hdf5()
    total = 0
    for d, _, files in os.walk(DATA):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    print("wrote the fixtures under", os.path.relpath(DATA, ROOT), "(%d bytes)" % total, "with numpy", np.__version__,
          "on Python", sys.version.split()[0])


if __name__ == "__main__":
    main()
