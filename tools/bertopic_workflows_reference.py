#!/usr/bin/env python3
"""BERTopic 0.17.4's workflows beyond fit, on a fixed synthetic corpus, for TopicJ's parity tests.

Run where BERTopic 0.17.4 is installed (benchmarks/peers/setup.sh builds such a venv):

    ~/.cache/topicj-peers/venv/bin/python tools/bertopic_workflows_reference.py [OUT_DIR]

OUT_DIR defaults to topic-core/src/test/resources/workflows. Everything is deterministic: the
corpus, its topic assignments and its embeddings come from a seeded NumPy generator and are
written next to the outputs (docs.jsonl, embeddings.npy, word_vectors.json), the topic models are
fitted with given assignments (BaseDimensionalityReduction + BaseCluster, or a cluster model that
looks the assignment up by embedding row) so that no UMAP or HDBSCAN randomness enters, and the
only embedding model is a word-vector table (a document is the normalised sum of its words'
vectors) that TopicJ's tests rebuild from word_vectors.json. Running it twice gives the same bytes.

What BERTopic computes is recorded as it is, bugs included (evolution_tuning is a no-op,
delete_topics removes the wrong c-TF-IDF rows); where the intended behaviour is a one-line fix, the
fixed variant is recorded too, computed by BERTopic's own code with that line patched, under a
name that says so. The Java tests say, case by case, what they compare.
"""
import inspect
import json
import os
import re
import sys
import tempfile
import textwrap
import types

if os.environ.get("PYTHONHASHSEED") != "0":
    # Set iteration order of strings (topics_per_class's class order) must not vary between runs.
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

# bertopic.representation.OpenAI imports the openai package only for its RateLimitError; the prompts
# are recorded with a fake client, so a stand-in module is enough and nothing reaches a network.
_openai = types.ModuleType("openai")


class _RateLimitError(Exception):
    pass


_openai.RateLimitError = _RateLimitError
_openai.OpenAI = type("OpenAI", (), {})  # only named in a type annotation of bertopic.backend
sys.modules.setdefault("openai", _openai)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import bertopic  # noqa: E402
import bertopic._bertopic as bertopic_module  # noqa: E402
from bertopic import BERTopic  # noqa: E402
from bertopic.backend import BaseEmbedder  # noqa: E402
from bertopic.cluster import BaseCluster  # noqa: E402
from bertopic.dimensionality import BaseDimensionalityReduction  # noqa: E402
from bertopic.representation import OpenAI  # noqa: E402
from bertopic.vectorizers import ClassTfidfTransformer  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "topic-core", "src", "test", "resources", "workflows")

# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------
POOLS = [
    ["kernel", "driver", "firmware", "module", "device", "boot", "usb", "hardware", "pci", "linux"],
    ["font", "glyph", "typeface", "serif", "unicode", "bold", "italic", "truetype", "latin", "opentype"],
    ["python", "library", "bindings", "import", "package", "interpreter", "pip", "script", "module", "api"],
    ["audio", "sound", "music", "player", "playlist", "codec", "volume", "speaker", "midi", "mp3"],
    ["network", "server", "proxy", "firewall", "socket", "dns", "router", "packet", "http", "tcp"],
    ["game", "puzzle", "arcade", "player", "level", "score", "board", "chess", "strategy", "dice"],
    # Only in the second model of the merge case.
    ["database", "query", "table", "index", "sql", "schema", "transaction", "replica", "cursor", "backup"],
    ["image", "photo", "pixel", "camera", "raster", "editor", "filter", "jpeg", "colour", "layer"],
]
COMMON = ["system", "data", "support", "version", "user", "tool", "free", "simple"]
SIZES = [70, 55, 45, 35, 25, 20]
OUTLIERS = 20
DIM = 16
CLASSES = ["alpha", "beta", "gamma"]


def zipf(n):
    w = 1.0 / np.arange(1, n + 1)
    return w / w.sum()


def document(rng, pool):
    words = []
    for _ in range(rng.randint(6, 13)):
        if rng.rand() < 0.15:
            words.append(COMMON[rng.randint(len(COMMON))])
        else:
            words.append(pool[rng.choice(len(pool), p=zipf(len(pool)))])
    return " ".join(words)


def corpus(rng, pools, sizes, outliers, centroids, spread=0.35):
    labels = [t for t, s in enumerate(sizes) for _ in range(s)] + [-1] * outliers
    order = rng.permutation(len(labels))
    labels = [labels[i] for i in order]
    everything = [w for p in pools for w in p]
    docs, emb = [], []
    for t in labels:
        if t < 0:
            docs.append(" ".join(everything[rng.randint(len(everything))] for _ in range(rng.randint(6, 13))))
            emb.append(rng.normal(size=DIM))
        else:
            docs.append(document(rng, pools[t]))
            emb.append(centroids[t] + spread * rng.normal(size=DIM))
    return docs, np.array(labels), np.array(emb, dtype=np.float32)


rng = np.random.RandomState(20240601)
CENTROIDS = rng.normal(size=(6, DIM))
# Two pairs of close topics, so that nr_topics="auto" has something to merge.
CENTROIDS[1] = CENTROIDS[0] + 0.3 * rng.normal(size=DIM)
CENTROIDS[3] = CENTROIDS[2] + 0.3 * rng.normal(size=DIM)
DOCS, LABELS, EMBEDDINGS = corpus(rng, POOLS[:6], SIZES, OUTLIERS, CENTROIDS)
N = len(DOCS)
SKEW = [(2, 5), (5, 2), (1, 1), (3, 3), (1, 4), (4, 1)]
TIMES = [round(float(100 * (rng.beta(*SKEW[t]) if t >= 0 else rng.rand())), 2) for t in LABELS]
YEARS = [int(2015 + rng.randint(6)) for _ in LABELS]
DATES = [str((pd.Timestamp("2021-01-01") + pd.Timedelta(days=int(rng.randint(365)))).date()) for _ in LABELS]
CLASS_P = [[0.6, 0.3, 0.1], [0.1, 0.6, 0.3], [0.3, 0.1, 0.6], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0.0], [0.0, 0.2, 0.8]]
CLASS_OF = [CLASSES[rng.choice(3, p=CLASS_P[t] if t >= 0 else [1 / 3, 1 / 3, 1 / 3])] for t in LABELS]

# The second model of merge_models: two themes of the first (same centroids), two new ones.
B_POOLS = [POOLS[0], POOLS[2], POOLS[6], POOLS[7]]
B_CENTROIDS = np.vstack([CENTROIDS[0], CENTROIDS[2], rng.normal(size=(2, DIM))])
B_DOCS, B_LABELS, B_EMBEDDINGS = corpus(rng, B_POOLS, [40, 30, 25, 15], 10, B_CENTROIDS)

VOCAB = sorted({w for p in POOLS for w in p} | set(COMMON))
WORD_VECTORS = {w: rng.normal(size=DIM) for w in VOCAB}


class TableEmbedder(BaseEmbedder):
    """A document is the L2-normalised sum of its (whitespace, lower-cased) words' vectors; unknown words add nothing."""

    def embed(self, documents, verbose=False):
        out = np.zeros((len(documents), DIM))
        for i, d in enumerate(documents):
            for w in d.lower().split():
                if w in WORD_VECTORS:
                    out[i] += WORD_VECTORS[w]
            norm = np.linalg.norm(out[i])
            if norm > 0:
                out[i] /= norm
        return out


class LookupCluster:
    """Clusters that are given per embedding row (the assignment is looked up, then numbered 0.. ascending)."""

    def __init__(self, embeddings, labels):
        self.lookup = {e.tobytes(): int(t) for e, t in zip(np.asarray(embeddings), labels)}

    def fit(self, X, y=None):
        raw = np.array([self.lookup[x.tobytes()] for x in np.asarray(X)])
        values = sorted(v for v in set(raw.tolist()) if v >= 0)
        self.labels_ = np.array([values.index(v) if v >= 0 else -1 for v in raw])
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def write_json(name, obj):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, sort_keys=True, indent=1, ensure_ascii=False)
        f.write("\n")


def words(pairs):
    return [[w, float(s)] for w, s in pairs]


def given(docs=DOCS, embeddings=EMBEDDINGS, labels=LABELS, **kwargs):
    """A BERTopic model whose topics are the given assignments (renumbered by size, as BERTopic does)."""
    model = BERTopic(umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(), **kwargs)
    model.fit_transform(docs, embeddings.copy(), y=np.array(labels))
    return model


def capture_words(model):
    """Records every (topic -> [(word, score)]) that _extract_words_per_topic returns, in call order."""
    calls = []
    original = model._extract_words_per_topic

    def wrapped(*args, **kwargs):
        out = original(*args, **kwargs)
        calls.append({str(int(t)): words(v) for t, v in out.items()})
        return out

    model._extract_words_per_topic = wrapped
    return calls


def model_summary(model):
    return {
        "topics": [int(t) for t in model.topics_],
        "sizes": {str(int(t)): int(s) for t, s in sorted(model.topic_sizes_.items())},
        "words": {str(int(t)): words(v) for t, v in sorted(model.topic_representations_.items())},
        "names": {str(int(t)): n for t, n in sorted(model.topic_labels_.items())},
    }


def frame(df, key):
    rows = []
    for r in df.itertuples(index=False):
        value = getattr(r, key)
        if isinstance(value, pd.Timestamp):
            value = value.isoformat()
        elif isinstance(value, (np.integer,)):
            value = int(value)
        elif isinstance(value, (float, np.floating)):
            value = float(value)
        rows.append({"topic": int(r.Topic), "words": r.Words, "frequency": int(r.Frequency), key.lower(): value})
    return rows


def intended_evolution_tuning():
    """BERTopic's topics_over_time with its evolution-tuning assignment fixed (upstream issue #2370)."""
    source = textwrap.dedent(inspect.getsource(BERTopic.topics_over_time))
    match = re.search(r"^( *)c_tf_idf\.tolil\(\)\[current_overlap_idx\] = \(\n(.*?\n)\1\)\.tolil\(\)\n", source, re.M | re.S)
    assert match, "BERTopic's topics_over_time changed; update the patch"
    indent = match.group(1)
    fixed = (indent + "c_tf_idf = c_tf_idf.tolil()\n" + indent + "c_tf_idf[current_overlap_idx] = (\n" + match.group(2)
             + indent + ").tolil()\n" + indent + "c_tf_idf = c_tf_idf.tocsr()\n")
    source = source[:match.start()] + fixed + source[match.end():]
    namespace = {}
    exec(compile(source, "topics_over_time_fixed", "exec"), vars(bertopic_module), namespace)
    return namespace["topics_over_time"]


# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------
def over_time():
    cases = {}
    specs = {
        "numeric_bins5": dict(timestamps=TIMES, nr_bins=5, global_tuning=True, evolution_tuning=True),
        "numeric_bins5_untuned": dict(timestamps=TIMES, nr_bins=5, global_tuning=False, evolution_tuning=False),
        "numeric_bins5_evolution_only": dict(timestamps=TIMES, nr_bins=5, global_tuning=False, evolution_tuning=True),
        "years": dict(timestamps=YEARS, nr_bins=None, global_tuning=True, evolution_tuning=False),
        "dates_bins4": dict(timestamps=DATES, nr_bins=4, global_tuning=True, evolution_tuning=False),
    }
    for name, spec in specs.items():
        model = given()
        calls = capture_words(model)
        df = model.topics_over_time(DOCS, **spec)
        cases[name] = {"rows": frame(df, "Timestamp"), "words": calls,
                       **{k: v for k, v in spec.items() if k != "timestamps"}}
    fixed = intended_evolution_tuning()
    for name, global_tuning in [("numeric_bins5_intended_evolution", True), ("numeric_bins5_intended_evolution_only", False)]:
        model = given()
        calls = capture_words(model)
        df = fixed(model, DOCS, TIMES, nr_bins=5, global_tuning=global_tuning, evolution_tuning=True)
        cases[name] = {"rows": frame(df, "Timestamp"), "words": calls, "nr_bins": 5, "global_tuning": global_tuning,
                       "evolution_tuning": True, "patched": "evolution tuning assignment fixed (BERTopic #2370)"}
    assert cases["numeric_bins5_intended_evolution"]["words"] != cases["numeric_bins5"]["words"], "the patch changed nothing"
    return cases


def per_class():
    cases = {}
    for name, tuning in [("global", True), ("untuned", False)]:
        model = given()
        calls = capture_words(model)
        df = model.topics_per_class(DOCS, CLASS_OF, global_tuning=tuning)
        # Rows come in Python set order of the classes; keep the words of each call with its class.
        rows = frame(df, "Class")
        by_class = {}
        for row in rows:
            by_class.setdefault(row["class"], []).append(row)
        classes = list(dict.fromkeys(r["class"] for r in rows))
        cases[name] = {"global_tuning": tuning,
                       "classes": {c: {"rows": by_class[c], "words": calls[i]} for i, c in enumerate(classes)}}
    return cases


def hierarchy():
    cases = {}
    for name, use_ctfidf in [("ctfidf", True), ("embeddings", False)]:
        model = given()
        calls = capture_words(model)
        hier = model.hierarchical_topics(DOCS, use_ctfidf=use_ctfidf)
        rows = []
        for r in hier.itertuples(index=False):
            rows.append({"parent_id": int(r.Parent_ID), "parent_name": r.Parent_Name, "topics": [int(t) for t in r.Topics],
                         "left_id": int(r.Child_Left_ID), "left_name": r.Child_Left_Name, "right_id": int(r.Child_Right_ID),
                         "right_name": r.Child_Right_Name, "distance": float(r.Distance)})
        cases[name] = {"rows": rows, "node_words": calls, "tree": BERTopic.get_topic_tree(hier),
                       "tree_tight": BERTopic.get_topic_tree(hier, tight_layout=True),
                       }
        # Between two heights, so that float noise in a height cannot move a topic across it.
        heights = np.sort(hier.Distance.values)
        cut = float((heights[1] + heights[2]) / 2)
        cases[name]["tree_max_distance"] = BERTopic.get_topic_tree(hier, max_distance=cut)
        cases[name]["tree_max_distance_value"] = cut
    return cases


def linkages():
    """scipy's Ward linkage with optimal leaf ordering on its own, on larger inputs, with and without tied distances."""
    import scipy.cluster.hierarchy as sch
    from scipy.spatial.distance import pdist
    r = np.random.RandomState(5)
    out = {}
    for name, n, tied in [("random25", 25, False), ("random40", 40, False), ("tied30", 30, True)]:
        points = r.normal(size=(n, 6))
        if tied:
            points = np.round(points * 2)  # integer coordinates: many equal distances
        condensed = pdist(points)
        z = sch.linkage(condensed, "ward", optimal_ordering=True)
        out[name] = {"n": n, "condensed": condensed.tolist(), "linkage": z.tolist()}
    return out


DISTRIBUTION_DOCS = DOCS[:15] + ["Kernel, DRIVER! and the USB-firmware (boot).", "a b", "",
                                 "font glyph font glyph typeface bold sound music player", "x kernel"]


def distribution():
    model = given()
    cases = {}
    specs = {
        "default": dict(),
        "padding": dict(padding=True),
        "window3_stride2": dict(window=3, stride=2),
        "tokens": dict(calculate_tokens=True),
        "tokens_padding_min0": dict(calculate_tokens=True, padding=True, min_similarity=0.0),
    }
    for name, spec in specs.items():
        topic_distr, token_distr = model.approximate_distribution(DISTRIBUTION_DOCS, **spec)
        case = {"spec": spec, "documents": np.asarray(topic_distr).tolist()}
        if token_distr is not None:
            case["tokens"] = [np.asarray(t).tolist() for t in token_distr]
        cases[name] = case
    return {"docs": DISTRIBUTION_DOCS, "cases": cases}


def merge():
    a = given()
    b = given(B_DOCS, B_EMBEDDINGS, B_LABELS)
    merged = BERTopic.merge_models([a, b], min_similarity=0.7)
    predictions, probabilities = merged.transform(B_DOCS[:30], B_EMBEDDINGS[:30])
    return {
        "b_docs": B_DOCS, "b_labels": [int(t) for t in B_LABELS], "b_embeddings": B_EMBEDDINGS.tolist(),
        "a": model_summary(a), "b": model_summary(b),
        "merged": {"topics": [int(t) for t in merged.topics_],
                   "sizes": {str(int(t)): int(s) for t, s in sorted(merged.topic_sizes_.items())},
                   "words": {str(int(t)): words(v) for t, v in sorted(merged.topic_representations_.items())},
                   "topic_embedding_rows": int(np.asarray(merged.topic_embeddings_).shape[0])},
        "transform": {"topics": [int(t) for t in predictions], "probabilities": [float(p) for p in np.ravel(probabilities)]},
    }


def delete():
    model = given()
    model.delete_topics([1, 3])
    return {"deleted": [1, 3], "topics": [int(t) for t in model.topics_],
            "sizes": {str(int(t)): int(s) for t, s in sorted(model.topic_sizes_.items())}}


def nr_topics():
    out = {}
    for name, value in [("four", 4), ("auto", "auto")]:
        model = given(nr_topics=value)
        out[name] = model_summary(model)
    return out


def zeroshot():
    embedder = TableEmbedder()
    doc_emb = embedder.embed(DOCS)
    labels = ["kernel driver firmware", "font glyph typeface", "database query sql"]
    threshold = 0.6
    sims = doc_emb @ embedder.embed(labels).T
    best = np.sort(sims, axis=1)
    # The Java side computes in float32; no decision may hinge on float noise.
    assert np.all(np.abs(best[:, -1] - threshold) > 1e-4) and np.all(best[:, -1] - best[:, -2] > 1e-4)
    model = BERTopic(embedding_model=embedder, umap_model=BaseDimensionalityReduction(),
                     hdbscan_model=LookupCluster(doc_emb, LABELS), zeroshot_topic_list=labels,
                     zeroshot_min_similarity=threshold)
    topics, probabilities = model.fit_transform(DOCS)
    new_docs = ["kernel driver usb", "font bold italic", "sound music codec", "network dns proxy", "database"]
    predictions, new_probabilities = model.transform(new_docs)
    return {"labels": labels, "min_similarity": threshold, **model_summary(model),
            "probabilities": [float(p) for p in probabilities],
            "zeroshot_topics": {str(k): int(v) for k, v in sorted(model._topic_id_to_zeroshot_topic_idx.items())},
            "transform": {"docs": new_docs, "topics": [int(t) for t in predictions],
                          "probabilities": [float(p) for p in new_probabilities]}}


def guided():
    out = {}
    seeds = [["kernel", "driver", "firmware"], ["font", "glyph"], ["sound", "audio", "codec", "midi"]]
    specs = {"seed_topics": dict(), "seed_topics_and_words": dict(ctfidf_model=ClassTfidfTransformer(
        seed_words=["kernel", "usb", "server", "chess"], seed_multiplier=2))}
    for name, kwargs in specs.items():
        recorded = {}
        model = BERTopic(embedding_model=TableEmbedder(), umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(),
                         seed_topic_list=seeds, **kwargs)
        original = model._guided_topic_modeling

        def wrapped(embeddings, original=original, recorded=recorded):
            y, mixed = original(embeddings)
            recorded["y"] = [int(v) for v in y]
            return y, mixed

        model._guided_topic_modeling = wrapped
        model.fit_transform(DOCS)
        out[name] = {"seed_topics": seeds, "y": recorded["y"], **model_summary(model),
                     "topic_embeddings": np.asarray(model.topic_embeddings_).tolist()}
        if "ctfidf_model" in kwargs:
            out[name]["seed_words"] = kwargs["ctfidf_model"].seed_words
            out[name]["seed_multiplier"] = kwargs["ctfidf_model"].seed_multiplier
    return out


def update():
    out = {}
    model = given()
    model.update_topics(DOCS, n_gram_range=(1, 2))
    out["bigrams"] = model_summary(model)
    model = given()
    stop = ["system", "data", "support", "module"]
    model.update_topics(DOCS, vectorizer_model=CountVectorizer(stop_words=stop, min_df=2))
    out["stop_words_min_df2"] = {"stop_words": stop, "min_df": 2, **model_summary(model)}
    return out


def labels():
    model = given()
    return {"default": model_summary(model)["names"],
            "two_words_no_prefix_len3_comma": model.generate_topic_labels(nr_words=2, topic_prefix=False, word_length=3,
                                                                           separator=", "),
            "topics": sorted(int(t) for t in set(model.topics_))}


class FakeChat:
    """Records each chat.completions.create call and answers "topic: Label N"."""

    def __init__(self):
        self.calls = []
        self.chat = types.SimpleNamespace(completions=types.SimpleNamespace(create=self.create))

    def create(self, **kwargs):
        self.calls.append({"model": kwargs["model"], "messages": kwargs["messages"], "stop": kwargs.get("stop")})
        message = types.SimpleNamespace(content="topic: Label %d  " % len(self.calls))
        return types.SimpleNamespace(choices=[types.SimpleNamespace(message=message)])


def llm():
    client = FakeChat()
    representation = OpenAI(client, model="stub-model", nr_docs=4)
    recorded = {}
    original = representation.extract_topics

    def wrapped(topic_model, documents, c_tf_idf, topics):
        recorded["candidates"] = {str(int(t)): words(v) for t, v in topics.items()}
        return original(topic_model, documents, c_tf_idf, topics)

    representation.extract_topics = wrapped
    model = given(representation_model=representation)
    return {"calls": client.calls, "candidates": recorded["candidates"], **model_summary(model),
            "default_prompt": bertopic.representation._openai.DEFAULT_CHAT_PROMPT,
            "system_prompt": bertopic.representation._openai.DEFAULT_SYSTEM_PROMPT}


class GraphCapture:
    """umap-learn's UMAP whose fuzzy graph is kept as it was just before the layout is optimised."""

    def __new__(cls, **kwargs):
        import umap

        class Captured(umap.UMAP):
            def _fit_embed_data(self, X, n_epochs, init, random_state):
                self.captured_graph_ = self.graph_.tocoo(copy=True)
                return super()._fit_embed_data(X, n_epochs, init, random_state)

        return Captured(**kwargs)


def coo(graph):
    g = graph.tocsr()
    g.sort_indices()
    g = g.tocoo()
    return {"rows": g.row.tolist(), "cols": g.col.tolist(), "values": [float(v) for v in g.data]}


def umap_target():
    import umap
    r = np.random.RandomState(11)
    centres = r.normal(size=(3, 8)) * 3
    x = np.vstack([c + r.normal(size=(20, 8)) for c in centres]).astype(np.float32)
    y = np.repeat(np.arange(3), 20)
    y[r.rand(len(y)) < 0.35] = -1
    out = {"x": x.tolist(), "y": y.tolist(), "n_neighbors": 10, "umap_learn": umap.__version__}
    for name, target_weight, labels_given in [("plain", 0.5, False), ("target", 0.5, True), ("target_weight_0.8", 0.8, True)]:
        model = GraphCapture(n_neighbors=10, n_components=2, metric="cosine", random_state=0, n_epochs=20,
                             target_weight=target_weight)
        model.fit(x, y=y if labels_given else None)
        out[name] = {"target_weight": target_weight, **coo(model.captured_graph_)}
    out["quality"] = umap_quality()
    return out


def label_agreement(embedding, truth, points):
    """Share of the 5 nearest layout neighbours (among all points) of each point in `points` that share its true label."""
    d = ((embedding[:, None, :] - embedding[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    same = 0
    for i in points:
        nearest = np.argsort(d[i], kind="stable")[:5]
        same += int((truth[nearest] == truth[i]).sum())
    return same / (5.0 * len(points))


def umap_quality():
    """Three overlapping clouds, two thirds of the points labelled: how well umap-learn's layout gathers each label."""
    import umap
    r = np.random.RandomState(3)
    n = 300
    truth = np.arange(n) % 3
    x = (r.normal(size=(n, 10)) + 0.8 * np.eye(10)[truth]).astype(np.float32)
    partial = truth.copy()
    partial[r.rand(n) < 1 / 3] = -1
    labelled = [i for i in range(n) if partial[i] >= 0]
    result = {"x": x.tolist(), "truth": truth.tolist(), "partial": partial.tolist()}
    for name, y in [("unsupervised", None), ("semi_supervised", partial)]:
        scores = []
        for seed in range(3):
            e = umap.UMAP(n_neighbors=15, n_components=2, metric="cosine", random_state=seed).fit_transform(x, y=y)
            scores.append(label_agreement(e, truth, labelled))
        result[name] = scores
    return result


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "docs.jsonl"), "w", encoding="utf-8") as f:
        for i, d in enumerate(DOCS):
            f.write(json.dumps({"text": d, "topic": int(LABELS[i]), "time": TIMES[i], "year": YEARS[i], "date": DATES[i],
                                "class": CLASS_OF[i]}, sort_keys=True) + "\n")
    np.save(os.path.join(OUT, "embeddings.npy"), EMBEDDINGS)
    write_json("word_vectors.json", {w: [float(v) for v in vec] for w, vec in WORD_VECTORS.items()})
    write_json("versions.json", {"bertopic": bertopic.__version__, "numpy": np.__version__, "pandas": pd.__version__,
                                 "scipy": __import__("scipy").__version__, "sklearn": __import__("sklearn").__version__})
    write_json("model.json", model_summary(given()))
    write_json("over_time.json", over_time())
    write_json("per_class.json", per_class())
    write_json("hierarchy.json", hierarchy())
    write_json("linkage.json", linkages())
    write_json("distribution.json", distribution())
    write_json("merge.json", merge())
    write_json("delete.json", delete())
    write_json("nr_topics.json", nr_topics())
    write_json("zeroshot.json", zeroshot())
    write_json("guided.json", guided())
    write_json("update.json", update())
    write_json("labels.json", labels())
    write_json("llm.json", llm())
    write_json("umap_target.json", umap_target())


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
