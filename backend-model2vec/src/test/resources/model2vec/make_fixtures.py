"""Writes tiny Model2Vec models with the real model2vec library, and its vectors for a few texts.

Run from this folder in a virtual environment with model2vec (0.8.2 was used, installed from its
source: it was not on the pip index), tokenizers 0.23.2, numpy and scikit-learn:

    python make_fixtures.py

  tiny/       the character-BPE test tokenizer (../tokenizers/tokenizer-char-bpe.json, with [UNK] and a
              "library" added token) with seeded random float16 vectors, normalize=True, and, in its
              tokenizer.json, truncation at 40 and Fixed padding to 12, which Python's encode applies
  quantized/  the Unigram test tokenizer with seeded float32 vectors quantised by model2vec to 16
              clusters (a "mapping" and per-token "weights" tensor), normalize=False
  expected.json  StaticModel.from_pretrained(folder).encode(TEXTS) for both, and for tiny also with
              max_length=5 (texts cut to 5 * median token length characters, then to 5 tokens)

Deterministic: fixed seeds, and k-means with a fixed random_state.
"""
import json
import os

os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["OMP_NUM_THREADS"] = "1"

import model2vec  # noqa: E402
import numpy as np  # noqa: E402
from model2vec import StaticModel  # noqa: E402
from model2vec.model import quantize_model  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

TEXTS = [
    "",
    "library",
    "a library for the development of command line tools",
    "Bibliothèque de traitement d'images — ünïcödé and emoji 🙂",
    "日本語のテキストと中文文本",
    "unknown ☃☃☃ symbols ⟁ here",
    "the quick brown fox jumps over the lazy dog " * 40,
    "documentation files for the package, including examples and the reference manual",
]


def tiny():
    tok = Tokenizer.from_file("../tokenizers/tokenizer-char-bpe.json")
    tok.enable_truncation(40)
    tok.enable_padding(length=12, pad_id=0, pad_token="[UNK]")
    vectors = np.random.default_rng(7).standard_normal((tok.get_vocab_size(), 8)).astype(np.float16)
    return StaticModel(vectors=vectors, tokenizer=tok, config={"normalize": True, "model_type": "model2vec"},
                       normalize=True, base_model_name="topicj-test")


def quantized():
    tok = Tokenizer.from_file("../tokenizers/tokenizer-unigram.json")
    vectors = np.random.default_rng(11).standard_normal((tok.get_vocab_size(), 6)).astype(np.float32)
    model = StaticModel(vectors=vectors, tokenizer=tok, config={"normalize": False, "model_type": "model2vec"},
                        normalize=False, weights=np.linspace(0.5, 1.5, tok.get_vocab_size()).astype(np.float32))
    import sklearn.cluster

    kmeans = sklearn.cluster.KMeans
    sklearn.cluster.KMeans = lambda *a, **k: kmeans(*a, **{**k, "random_state": 0, "n_init": 1})
    try:
        return quantize_model(model, vocabulary_quantization=16)
    finally:
        sklearn.cluster.KMeans = kmeans


def main():
    expected = {"model2vec_version": model2vec.__version__, "texts": TEXTS}
    for name, make in [("tiny", tiny), ("quantized", quantized)]:
        make().save_pretrained(name)
        loaded = StaticModel.from_pretrained(name)
        expected[name] = loaded.encode(TEXTS, use_multiprocessing=False).astype(float).tolist()
        if name == "tiny":
            expected["tiny_max_length_5"] = loaded.encode(TEXTS, max_length=5, use_multiprocessing=False).astype(float).tolist()
            expected["tiny_median_token_length"] = loaded.median_token_length
    with open("expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
