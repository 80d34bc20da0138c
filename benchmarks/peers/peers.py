"""The Python peers of TopicJ's benchmark suite: one task a process, one JSON line of results.

    peers.py TASK [options]      (TASK: versions, embed-ort, embed-st, bertopic-fit, bertopic-raw, umap, hdbscan)

Run by org.topicj.benchmarks.Peers (benchmarks/run BenchmarkSuite) with inputs it wrote to files,
so both sides see the same bytes: documents as .jsonl (one {"text": ...} a line, every line used),
embeddings and points as float32 .npy. Settings are BERTopic 0.17.4's defaults (UMAP 15 neighbours,
5 components, min_dist 0, cosine; HDBSCAN min_cluster_size 10, euclidean, eom), the same ones the
TopicJ side uses. The last line printed is a JSON object: "ok", "seconds" (one per timed repeat),
"docs_per_s" (embedding tasks), "whole_process_seconds" (embedding tasks: from this process's start,
imports and model load included, to the end of its first pass), "warmup_seconds", "peak_rss_mib"
(VmHWM), "result" (topics, outliers, clusters or a cosine check) and "versions". A peer that is not
installed gives {"ok": false, "not_installed": true, "error": ...} and exit status 3.
"""
import argparse
import json
import os
import sys
import time
from importlib import metadata

# No hub downloads, no progress bars; set before transformers or sentence-transformers load.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")

SETUP_HINT = "run benchmarks/peers/setup.sh (see benchmarks/peers/README.md)"
DISTRIBUTIONS = ["numpy", "scipy", "scikit-learn", "numba", "pynndescent", "umap-learn", "hdbscan", "bertopic",
                 "pandas", "torch", "transformers", "sentence-transformers", "onnxruntime", "tokenizers"]


class NotInstalled(Exception):
    """A peer library is missing from this interpreter."""


def versions(names=DISTRIBUTIONS):
    out = {"python": sys.version.split()[0]}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def need(module):
    """Imports a peer's module, or says how to install it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise NotInstalled(f"{module} is not importable ({e}); {SETUP_HINT}") from e


def process_age():
    """Seconds since this process started (kernel's start time, so interpreter start-up counts)."""
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_docs(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def repeat(fn, repeats):
    seconds, value = [], None
    for _ in range(repeats):
        s, value = timed(fn)
        seconds.append(s)
    return seconds, value


def min_cosine(vectors, reference_path):
    if not reference_path:
        return None
    import numpy as np
    ref = np.load(reference_path)[: len(vectors)]
    cos = np.sum(vectors * ref, axis=1) / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(ref, axis=1) + 1e-12)
    return float(cos.min())


# ---- embedding -------------------------------------------------------------------------------------

def ort_embedder(args):
    """Plain batched ONNX Runtime with the tokenizers package, pooled as sentence-transformers does."""
    np = need("numpy")
    ort = need("onnxruntime")
    tokenizers = need("tokenizers")
    tok = tokenizers.Tokenizer.from_file(args.tokenizer)
    tok.enable_truncation(max_length=args.max_len)  # the jar's tokenizer.json says 128
    tok.no_padding()
    session = ort.InferenceSession(args.onnx, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}

    def embed(texts):
        enc = tok.encode_batch(texts)
        # Longest first, as sentence-transformers and TopicJ do, so batches pad little.
        order = sorted(range(len(enc)), key=lambda i: -len(enc[i].ids))
        out = np.empty((len(texts), 384), np.float32)
        for b in range(0, len(order), args.batch):
            idx = order[b: b + args.batch]
            width = max(len(enc[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), np.int64)
            mask = np.zeros((len(idx), width), np.int64)
            for r, i in enumerate(idx):
                ids[r, : len(enc[i].ids)] = enc[i].ids
                mask[r, : len(enc[i].ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, {k: v for k, v in feeds.items() if k in names})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            out[idx] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out

    return embed, ["numpy", "onnxruntime", "tokenizers"]


def st_model(args):
    """sentence-transformers on torch, from the folder make_minilm_st.py wrote."""
    if not os.path.isfile(os.path.join(args.st_folder, "modules.json")):
        raise NotInstalled(f"no sentence-transformers folder at {args.st_folder}; {SETUP_HINT}")
    st = need("sentence_transformers")
    model = st.SentenceTransformer(args.st_folder, device="cpu")
    model.max_seq_length = args.max_len
    return model


def st_embedder(args):
    model = st_model(args)

    def embed(texts):
        return model.encode(texts, batch_size=args.batch, convert_to_numpy=True, show_progress_bar=False)

    return embed, ["numpy", "torch", "transformers", "sentence-transformers", "tokenizers"]


def run_embed(args, make):
    texts = read_docs(args.docs)
    embed, libs = make(args)
    vectors = embed(texts)
    whole = process_age()
    seconds, _ = repeat(lambda: embed(texts), args.repeats)
    return {"n": len(texts), "seconds": seconds, "docs_per_s": [len(texts) / s for s in seconds],
            "whole_process_seconds": whole, "whole_process_docs_per_s": len(texts) / whole,
            "result": {"min_cos_vs_reference": min_cosine(vectors, args.reference)}, "libs": libs}


# ---- clustering and topics -------------------------------------------------------------------------

def umap_model(seed):
    umap = need("umap")
    # BERTopic 0.17.4's default UMAP, plus the seed under test.
    return umap.UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False,
                     random_state=seed)


def bertopic(seed, embedding_model=None, probabilities=False):
    need("hdbscan")
    bt = need("bertopic")
    return bt.BERTopic(embedding_model=embedding_model, umap_model=umap_model(seed), calculate_probabilities=probabilities)


def topic_summary(topics):
    ids = set(int(t) for t in topics)
    return {"topics": len(ids - {-1}), "outliers": sum(1 for t in topics if t == -1) / len(topics)}


def warm_rows(args, n):
    return n if args.warmup_rows < 0 else min(n, args.warmup_rows)


def run_bertopic_fit(args):
    np = need("numpy")
    docs = read_docs(args.docs)
    emb = np.load(args.embeddings)
    if len(docs) != emb.shape[0]:
        raise ValueError(f"{len(docs)} documents but {emb.shape[0]} embeddings")
    w = warm_rows(args, len(docs))
    fit = lambda d, e: bertopic(args.seed, probabilities=args.probabilities).fit_transform(d, e)
    warm, _ = timed(lambda: fit(docs[:w], emb[:w]))
    seconds, (topics, _) = repeat(lambda: fit(docs, emb), args.repeats)
    return {"n": len(docs), "seconds": seconds, "warmup_seconds": warm, "warmup_rows": w,
            "result": topic_summary(topics), "libs": ["bertopic", "umap-learn", "hdbscan", "numba", "scikit-learn"]}


def run_bertopic_raw(args):
    np = need("numpy")
    docs = read_docs(args.docs)
    st = st_model(args)
    # Warm-up: numba's compilation at this size on random unit vectors, and the model on a few texts.
    w = warm_rows(args, len(docs))
    rnd = np.random.default_rng(0).standard_normal((w, 384)).astype(np.float32)
    rnd /= np.linalg.norm(rnd, axis=1, keepdims=True)
    warm, _ = timed(lambda: (bertopic(args.seed).fit_transform(docs[:w], rnd), st.encode(docs[:64])))
    seconds, (topics, _) = repeat(lambda: bertopic(args.seed, st).fit_transform(docs), args.repeats)
    return {"n": len(docs), "seconds": seconds, "warmup_seconds": warm, "warmup_rows": w,
            "result": topic_summary(topics),
            "libs": ["bertopic", "umap-learn", "hdbscan", "sentence-transformers", "torch"]}


def run_umap(args):
    np = need("numpy")
    x = np.load(args.input)
    w = warm_rows(args, x.shape[0])
    warm, _ = timed(lambda: umap_model(args.seed).fit_transform(x[:w]))
    seconds, _ = repeat(lambda: umap_model(args.seed).fit_transform(x), args.repeats)
    return {"n": int(x.shape[0]), "seconds": seconds, "warmup_seconds": warm, "warmup_rows": w,
            "libs": ["umap-learn", "pynndescent", "numba"]}


def run_hdbscan(args):
    np = need("numpy")
    hdbscan = need("hdbscan")
    x = np.load(args.input)
    model = lambda: hdbscan.HDBSCAN(min_cluster_size=args.min_cluster_size, metric="euclidean",
                                    cluster_selection_method="eom")
    w = warm_rows(args, x.shape[0])
    warm, _ = timed(lambda: model().fit(x[:w]))
    seconds, fitted = repeat(lambda: model().fit(x), args.repeats)
    labels = fitted.labels_
    return {"n": int(x.shape[0]), "seconds": seconds, "warmup_seconds": warm, "warmup_rows": w,
            "result": {"clusters": int(labels.max()) + 1, "noise": int((labels == -1).sum())},
            "libs": ["hdbscan", "scikit-learn"]}


TASKS = {
    "embed-ort": lambda a: run_embed(a, ort_embedder),
    "embed-st": lambda a: run_embed(a, st_embedder),
    "bertopic-fit": run_bertopic_fit,
    "bertopic-raw": run_bertopic_raw,
    "umap": run_umap,
    "hdbscan": run_hdbscan,
}


def parser():
    default_st = os.path.join(os.environ.get("TOPICJ_PEERS_HOME", os.path.expanduser("~/.cache/topicj-peers")),
                              "all-MiniLM-L6-v2-st")
    p = argparse.ArgumentParser(description="TopicJ's Python benchmark peers")
    p.add_argument("task", choices=["versions"] + sorted(TASKS))
    p.add_argument("--docs", help=".jsonl, one {\"text\": ...} a line")
    p.add_argument("--embeddings", help="float32 .npy, one row per document (bertopic-fit)")
    p.add_argument("--input", help="float32 .npy points (umap, hdbscan)")
    p.add_argument("--onnx", help="the ONNX model file (embed-ort)")
    p.add_argument("--tokenizer", help="tokenizer.json (embed-ort)")
    p.add_argument("--st-folder", default=default_st, help="sentence-transformers folder (embed-st, bertopic-raw)")
    p.add_argument("--reference", help="reference vectors .npy for a cosine check (embed tasks)")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--max-len", type=int, default=256)
    p.add_argument("--seed", type=int, default=None, help="UMAP's random_state; omit for unseeded")
    p.add_argument("--min-cluster-size", type=int, default=10)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--probabilities", action="store_true", help="bertopic-fit: calculate_probabilities=True")
    p.add_argument("--warmup-rows", type=int, default=5000,
                   help="rows of the warm-up fit (numba compiles then); -1 = all")
    return p


def main():
    args = parser().parse_args()
    if args.task == "versions":
        print(json.dumps({"ok": True, "task": "versions", "versions": versions()}))
        return 0
    try:
        out = TASKS[args.task](args)
        libs = out.pop("libs")
        out.update({"ok": True, "task": args.task, "peak_rss_mib": peak_rss_mib(), "versions": versions(libs)})
        print(json.dumps(out))
        return 0
    except NotInstalled as e:
        print(json.dumps({"ok": False, "task": args.task, "not_installed": True, "error": str(e)}))
        return 3
    except Exception as e:  # reported to the suite as "not run (error)"; the traceback goes to stderr
        import traceback
        traceback.print_exc()
        print(json.dumps({"ok": False, "task": args.task, "error": f"{type(e).__name__}: {e}"}))
        return 1


if __name__ == "__main__":
    sys.exit(main())
