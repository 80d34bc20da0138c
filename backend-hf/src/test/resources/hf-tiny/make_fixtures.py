"""Writes the tiny Hugging Face models backend-hf's safetensors engine is tested on, with what the
real libraries compute from them.

For every architecture the engine supports there is one folder, ARCH/, holding what
`save_pretrained(safe_serialization=True)` writes for a randomly initialised (fixed seed) model of
that architecture, a tokenizer trained here on a small corpus, and:
  expected.json         the texts, their input_ids, the padding side and the cases recorded;
  expected.safetensors  float32 arrays:
      single.I            last_hidden_state of text I run alone, [tokens, hidden]
      batch               last_hidden_state of all texts as one padded batch, [texts, width, hidden]
      batch_mask          its attention mask (right padding; left for qwen3, as its tokenizer pads)
      st.CASE             sentence-transformers' encode() for the ST folders (pooling, Dense,
                          Normalize, prompts, truncate_dim), [texts, dim]
      pooled.CASE         for plain folders: masked mean / CLS of last_hidden_state, L2-normalised
                          (what BERTopic's feature-extraction pipeline and Flair compute)

Weights are drawn wider than the libraries' own initialisation (and norm weights away from 1 or 0)
so that every parameter, mask and position rule moves the outputs measurably.

Run with transformers 5, sentence-transformers 6 and torch (CPU):
    python3 -m venv /work/venvs/hf
    /work/venvs/hf/bin/pip install torch transformers sentence-transformers safetensors tokenizers
    /work/venvs/hf/bin/python make_fixtures.py
Running it twice writes the same bytes.
"""
import json
import math
import os
import shutil

import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

import transformers
from transformers import (AutoModel, BertConfig, DistilBertConfig, Gemma3TextConfig, ModernBertConfig, MPNetConfig,
                          PreTrainedTokenizerFast, Qwen3Config, RobertaConfig, XLMRobertaConfig)
import sentence_transformers
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.modules import Dense, Normalize, Pooling, Transformer

HERE = os.path.dirname(os.path.abspath(__file__))

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Debian packages are built from source with dpkg-buildpackage, then uploaded to the archive.",
    "This package provides a library for parsing and writing JSON documents in C.",
    "A command line tool to convert images between formats, resize them and strip metadata.",
    "Python bindings for the GTK toolkit, used to write graphical applications on Linux.",
    "Documentation for the kernel: how drivers, schedulers and file systems work together.",
    "Fonts covering Latin, Greek and Cyrillic scripts, with hinting for small screens.",
    "A daemon that watches network interfaces and configures addresses when cables are plugged in.",
    "Topic models group documents by what they talk about, using embeddings and clustering.",
    "Transformers read tokens, attend to each other and produce one vector per token.",
    "Sentence embeddings are pooled token vectors, often normalised to unit length.",
    "Ünïcödé tëxt and émojis 🙂 stay as they are.",
    "query: passage: search_document: search_query: task: clustering | title: none | text:",
    "Instruct: Given a web search query, retrieve relevant passages that answer the query",
    "hello world, hello again; numbers 0 1 2 3 42 2024 and symbols # $ % & * ( ) [ ] { }",
]

LONG = ("Perf utilities for Go: a library for interacting with the perf subsystem in Linux. It lets you "
        "see how many CPU instructions a function takes, profile a process for hardware events, and "
        "other interesting things, although the scheduler moves goroutines across threads.")

TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "hello",
    "",
    "Debian packages are built from source with dpkg-buildpackage, then uploaded to the archive.",
    "Ünïcödé tëxt and émojis 🙂 stay as they are.",
    LONG,
]

# MPNet's relative position buckets only reach their log range and the 128 cap with long inputs.
MPNET_TEXTS = TEXTS + [" ".join([LONG] * 3)]


def corpus_words(normalizer, pre_tokenizer):
    """Word counts of the corpus, split as the tokenizer will split it."""
    counts = {}
    for text in CORPUS + TEXTS + [LONG]:
        norm = normalizer.normalize_str(text) if normalizer else text
        for word, _ in pre_tokenizer.pre_tokenize_str(norm):
            counts[word] = counts.get(word, 0) + 1
    return counts


def frequent(counts, limit):
    """Pieces by falling frequency, then alphabetically: the same list on every run (the trainers of
    tokenizers 0.23 for WordPiece and Unigram break ties differently from run to run)."""
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]


def train_tokenizer(kind, specials, template, vocab_size):
    if kind == "wordpiece":
        normalizer, pre = normalizers.BertNormalizer(lowercase=True), pre_tokenizers.BertPreTokenizer()
        counts = corpus_words(normalizer, pre)
        chars = sorted({c for w in counts for c in w})
        vocab = list(specials.values()) + chars + ["##" + c for c in chars]
        vocab += [w for w in frequent(counts, vocab_size) if w not in vocab][:vocab_size - len(vocab)]
        tok = Tokenizer(models.WordPiece({t: i for i, t in enumerate(vocab)}, unk_token=specials["unk"]))
        tok.normalizer = normalizer
        tok.pre_tokenizer = pre
        tok.decoder = decoders.WordPiece()
    elif kind == "unigram":
        normalizer, pre = normalizers.NFKC(), pre_tokenizers.Metaspace()
        counts = corpus_words(normalizer, pre)
        chars = sorted({c for w in counts for c in w})
        pieces = chars + [w for w in frequent(counts, vocab_size) if w not in chars]
        pieces = pieces[:vocab_size - len(specials)]
        total = sum(counts.values()) + len(pieces)
        vocab = [(t, 0.0) for t in specials.values()]
        vocab += [(p, math.log((counts.get(p, 0) + 1) / total) - (0.5 * len(p) if p in chars else 0.0)) for p in pieces]
        unk = list(specials.values()).index(specials["unk"])
        tok = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
        tok.normalizer = normalizer
        tok.pre_tokenizer = pre
        tok.decoder = decoders.Metaspace()
    else:
        if kind == "bytelevel":
            tok = Tokenizer(models.BPE())
            tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
            tok.decoder = decoders.ByteLevel()
            trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(specials.values()),
                                          initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        elif kind == "metaspace-bpe":
            tok = Tokenizer(models.BPE(unk_token=specials["unk"], byte_fallback=False))
            tok.pre_tokenizer = pre_tokenizers.Metaspace()
            tok.decoder = decoders.Metaspace()
            trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(specials.values()))
        else:
            raise ValueError(kind)
        tok.train_from_iterator(CORPUS + TEXTS + [LONG], trainer=trainer)
    ids = {name: tok.token_to_id(t) for name, t in specials.items()}
    single = template
    tokens = sorted({w for w in single.split() if w != "$A"})
    tok.post_processor = processors.TemplateProcessing(
        single=single, special_tokens=[(t, tok.token_to_id(t)) for t in tokens])
    return tok, ids


def fast_tokenizer(tok, specials, max_length, padding_side="right"):
    names = {"unk": "unk_token", "pad": "pad_token", "cls": "cls_token", "sep": "sep_token", "mask": "mask_token",
             "bos": "bos_token", "eos": "eos_token"}
    kwargs = {names[k]: v for k, v in specials.items() if k in names}
    return PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=max_length, padding_side=padding_side,
                                   **kwargs)


def widen(model, keep=()):
    """Draws every parameter afresh, wider than the libraries' init, so each one matters."""
    gen = torch.Generator().manual_seed(1234)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if any(k in name for k in keep):
                continue
            is_norm = "norm" in name.lower()
            if is_norm and name.endswith("weight"):
                base = 0.0 if isinstance(model.config, Gemma3TextConfig) else 1.0
                p.copy_(base + 0.2 * torch.randn(p.shape, generator=gen))
            elif p.dim() == 1:
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))
            elif "embed" in name.lower() or "relative_attention_bias" in name:
                p.copy_(torch.randn(p.shape, generator=gen))
            else:
                p.copy_(torch.randn(p.shape, generator=gen) / math.sqrt(p.shape[1]))


def run(model, tokenizer, texts, padding_side):
    singles = []
    ids = []
    with torch.no_grad():
        for t in texts:
            enc = tokenizer(t, return_tensors="pt")
            ids.append(enc["input_ids"][0].tolist())
            out = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"])
            singles.append(out.last_hidden_state[0].contiguous())
        tokenizer.padding_side = padding_side
        enc = tokenizer(texts, return_tensors="pt", padding=True)
        batch = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
    return ids, singles, batch.contiguous(), enc["attention_mask"].to(torch.float32).contiguous()


def pooled(singles, mode):
    rows = []
    for s in singles:
        v = s.mean(0) if mode == "mean" else s[0]
        rows.append(torch.nn.functional.normalize(v, dim=0))
    return torch.stack(rows).contiguous()


def write(arch, folder, model, tokenizer, texts, padding_side, st=None, plain_pooling=()):
    ids, singles, batch, mask = run(model, tokenizer, texts, padding_side)
    arrays = {f"single.{i}": s for i, s in enumerate(singles)}
    arrays["batch"] = batch
    arrays["batch_mask"] = mask
    cases = {}
    for mode in plain_pooling:
        arrays[f"pooled.{mode}"] = pooled(singles, mode)
    if st is not None:
        for case, kwargs in st["cases"].items():
            vectors = st["model"].encode(texts, convert_to_tensor=True, batch_size=3, **kwargs)
            arrays[f"st.{case}"] = vectors.to(torch.float32).contiguous()
            cases[case] = kwargs
    save_file(arrays, os.path.join(folder, "expected.safetensors"))
    meta = {"architecture": arch, "texts": texts, "input_ids": ids, "padding_side": padding_side,
            "hidden_size": singles[0].shape[-1], "st_cases": cases, "plain_pooling": list(plain_pooling),
            "versions": {"transformers": transformers.__version__, "torch": torch.__version__.split("+")[0],
                         "sentence_transformers": sentence_transformers.__version__}}
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
        f.write("\n")


def fresh(arch):
    folder = os.path.join(HERE, arch)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def save_hf(folder, model, tokenizer, **kwargs):
    model.save_pretrained(folder, safe_serialization=True, **kwargs)
    tokenizer.save_pretrained(folder)


def save_st(folder, modules, prompts=None, default_prompt_name=None):
    st = SentenceTransformer(modules=modules, prompts=prompts or {}, default_prompt_name=default_prompt_name,
                             device="cpu")
    st.save(folder)
    os.remove(os.path.join(folder, "README.md"))
    return st


def reload(folder):
    model = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    return model, tokenizer


BERT_SPECIALS = {"pad": "[PAD]", "unk": "[UNK]", "cls": "[CLS]", "sep": "[SEP]", "mask": "[MASK]"}
ROBERTA_SPECIALS = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "<unk>", "mask": "<mask>"}


def bert():
    """MiniLM / bge / e5 shape, as a sentence-transformers folder cut at 16 tokens (mean, Normalize)."""
    folder = fresh("bert")
    tok, ids = train_tokenizer("wordpiece", BERT_SPECIALS, "[CLS] $A [SEP]", 400)
    config = BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=256, type_vocab_size=2,
                        pad_token_id=ids["pad"], layer_norm_eps=1e-12, hidden_act="gelu")
    torch.manual_seed(0)
    model = transformers.BertModel(config, add_pooling_layer=False)
    widen(model)
    save_hf(folder, model, fast_tokenizer(tok, BERT_SPECIALS, 256))
    st = save_st(folder, [Transformer(folder, max_seq_length=16), Pooling(32, pooling_mode="mean"), Normalize()])
    model, tokenizer = reload(folder)
    write("bert", folder, model, tokenizer, TEXTS, "right",
          st={"model": st, "cases": {"default": {}}})


def roberta():
    """roberta-base shape: positions from padding_idx + 1; plain folder (Flair's CLS, BERTopic's mean)."""
    folder = fresh("roberta")
    tok, ids = train_tokenizer("bytelevel", ROBERTA_SPECIALS, "<s> $A </s>", 500)
    assert ids["pad"] == 1
    config = RobertaConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                           num_attention_heads=4, intermediate_size=64, max_position_embeddings=258,
                           type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5)
    torch.manual_seed(0)
    model = transformers.RobertaModel(config, add_pooling_layer=False)
    widen(model)
    save_hf(folder, model, fast_tokenizer(tok, ROBERTA_SPECIALS, 256))
    model, tokenizer = reload(folder)
    write("roberta", folder, model, tokenizer, TEXTS, "right", plain_pooling=("mean", "cls"))


def xlm_roberta():
    """multilingual-e5 shape: SentencePiece-style unigram tokenizer, e5's query/passage prompts."""
    folder = fresh("xlm-roberta")
    specials = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "<unk>", "mask": "<mask>"}
    tok, ids = train_tokenizer("unigram", specials, "<s> $A </s>", 300)
    assert ids["pad"] == 1
    config = XLMRobertaConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                              num_attention_heads=4, intermediate_size=64, max_position_embeddings=258,
                              type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5)
    torch.manual_seed(0)
    model = transformers.XLMRobertaModel(config, add_pooling_layer=False)
    widen(model)
    save_hf(folder, model, fast_tokenizer(tok, specials, 256))
    st = save_st(folder, [Transformer(folder, max_seq_length=256), Pooling(32, pooling_mode="mean"), Normalize()],
                 prompts={"query": "query: ", "passage": "passage: "})
    model, tokenizer = reload(folder)
    write("xlm-roberta", folder, model, tokenizer, TEXTS, "right",
          st={"model": st, "cases": {"default": {}, "passage": {"prompt_name": "passage"},
                                     "query": {"prompt_name": "query"}}})


def distilbert():
    """distilbert-base shape with sinusoidal positions; saved in shards (model.safetensors.index.json)."""
    folder = fresh("distilbert")
    tok, ids = train_tokenizer("wordpiece", BERT_SPECIALS, "[CLS] $A [SEP]", 400)
    config = DistilBertConfig(vocab_size=tok.get_vocab_size(), dim=32, n_layers=2, n_heads=4, hidden_dim=64,
                              max_position_embeddings=256, sinusoidal_pos_embds=True, activation="gelu",
                              pad_token_id=ids["pad"])
    torch.manual_seed(0)
    model = transformers.DistilBertModel(config)
    widen(model, keep=("position_embeddings",))
    save_hf(folder, model, fast_tokenizer(tok, BERT_SPECIALS, 256), max_shard_size="40KB")
    model, tokenizer = reload(folder)
    write("distilbert", folder, model, tokenizer, TEXTS, "right", plain_pooling=("mean",))


def mpnet():
    """all-mpnet-base-v2 shape: relative position buckets; ST folder (mean, Normalize)."""
    folder = fresh("mpnet")
    specials = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "[UNK]", "mask": "<mask>"}
    tok, ids = train_tokenizer("wordpiece", specials, "<s> $A </s>", 400)
    assert ids["pad"] == 1
    config = MPNetConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                         intermediate_size=64, max_position_embeddings=514, relative_attention_num_buckets=32,
                         pad_token_id=1, bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5)
    torch.manual_seed(0)
    model = transformers.MPNetModel(config, add_pooling_layer=False)
    widen(model)
    save_hf(folder, model, fast_tokenizer(tok, specials, 512))
    st = save_st(folder, [Transformer(folder, max_seq_length=384), Pooling(32, pooling_mode="mean"), Normalize()])
    model, tokenizer = reload(folder)
    write("mpnet", folder, model, tokenizer, MPNET_TEXTS, "right", st={"model": st, "cases": {"default": {}}})


def modernbert():
    """ModernBERT shape: rotary (two thetas), GeGLU, no biases, a local window of 8 every other layer;
    ST folder as modernbert-embed (search_document prompt, prompt excluded from the mean)."""
    folder = fresh("modernbert")
    tok, ids = train_tokenizer("bytelevel", BERT_SPECIALS, "[CLS] $A [SEP]", 500)
    config = ModernBertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=3,
                              num_attention_heads=4, intermediate_size=48, max_position_embeddings=256,
                              global_attn_every_n_layers=2, local_attention=8, global_rope_theta=160000.0,
                              local_rope_theta=10000.0, norm_eps=1e-5, hidden_activation="gelu",
                              pad_token_id=ids["pad"], cls_token_id=ids["cls"], sep_token_id=ids["sep"],
                              bos_token_id=ids["cls"], eos_token_id=ids["sep"])
    torch.manual_seed(0)
    model = transformers.ModernBertModel(config)
    widen(model)
    save_hf(folder, model, fast_tokenizer(tok, BERT_SPECIALS, 256))
    st = save_st(folder, [Transformer(folder, max_seq_length=256),
                          Pooling(32, pooling_mode="mean", include_prompt=False), Normalize()],
                 prompts={"document": "search_document: ", "query": "search_query: "})
    model, tokenizer = reload(folder)
    write("modernbert", folder, model, tokenizer, TEXTS, "right",
          st={"model": st, "cases": {"document": {"prompt_name": "document"}, "query": {"prompt_name": "query"},
                                     "none": {}}})


def qwen3():
    """Qwen3-Embedding shape: causal GQA with q/k RMSNorm, EOS appended by the tokenizer, left padding,
    last-token pooling, its query instruction and empty document prompt."""
    folder = fresh("qwen3")
    specials = {"eos": "<|endoftext|>", "pad": "<|endoftext|>", "im_start": "<|im_start|>"}
    tok, ids = train_tokenizer("bytelevel", {"eos": "<|endoftext|>", "im_start": "<|im_start|>"},
                               "$A <|endoftext|>", 500)
    config = Qwen3Config(vocab_size=tok.get_vocab_size(), hidden_size=48, num_hidden_layers=2, num_attention_heads=4,
                         num_key_value_heads=2, head_dim=16, intermediate_size=64, max_position_embeddings=512,
                         rms_norm_eps=1e-6, rope_parameters={"rope_type": "default", "rope_theta": 1000000.0},
                         tie_word_embeddings=True, pad_token_id=ids["eos"], eos_token_id=ids["eos"],
                         bos_token_id=None, hidden_act="silu")
    torch.manual_seed(0)
    model = transformers.Qwen3Model(config)
    widen(model)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=512, padding_side="left",
                                   eos_token="<|endoftext|>", pad_token="<|endoftext|>")
    save_hf(folder, model, fast)
    st = save_st(folder, [Transformer(folder, max_seq_length=512), Pooling(48, pooling_mode="lasttoken"), Normalize()],
                 prompts={"query": "Instruct: Given a web search query, retrieve relevant passages that answer the "
                                   "query\nQuery:", "document": ""})
    model, tokenizer = reload(folder)
    write("qwen3", folder, model, tokenizer, TEXTS, "left",
          st={"model": st, "cases": {"default": {}, "query": {"prompt_name": "query"},
                                     "document": {"prompt_name": "document"}}})
    del specials


def gemma3_text():
    """EmbeddingGemma shape: bidirectional attention, a sliding window on most layers, (1 + w) RMSNorm
    before and after attention and MLP, sqrt(hidden) embedding scale, query_pre_attn_scalar; ST folder
    with its two Dense layers, prompts, and a Matryoshka truncation."""
    folder = fresh("gemma3_text")
    specials = {"pad": "<pad>", "eos": "<eos>", "bos": "<bos>", "unk": "<unk>"}
    tok, ids = train_tokenizer("metaspace-bpe", specials, "<bos> $A <eos>", 400)
    assert (ids["pad"], ids["eos"], ids["bos"]) == (0, 1, 2)
    config = Gemma3TextConfig(vocab_size=tok.get_vocab_size(), hidden_size=48, num_hidden_layers=3,
                              num_attention_heads=4, num_key_value_heads=2, head_dim=16, intermediate_size=64,
                              max_position_embeddings=512, rms_norm_eps=1e-6, query_pre_attn_scalar=24,
                              sliding_window=8, layer_types=["sliding_attention", "sliding_attention",
                                                             "full_attention"],
                              rope_parameters={"full_attention": {"rope_type": "default", "rope_theta": 1000000.0},
                                               "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0}},
                              use_bidirectional_attention=True, hidden_activation="gelu_pytorch_tanh",
                              pad_token_id=0, eos_token_id=1, bos_token_id=2)
    torch.manual_seed(0)
    model = transformers.Gemma3TextModel(config)
    widen(model)
    save_hf(folder, model, fast_tokenizer(tok, specials, 512))
    gen = torch.Generator().manual_seed(7)
    dense1 = Dense(48, 64, bias=False, activation_function=torch.nn.Identity(),
                   init_weight=torch.randn(64, 48, generator=gen) / math.sqrt(48))
    dense2 = Dense(64, 48, bias=False, activation_function=torch.nn.Identity(),
                   init_weight=torch.randn(48, 64, generator=gen) / math.sqrt(64))
    st = save_st(folder, [Transformer(folder, max_seq_length=512), Pooling(48, pooling_mode="mean"), dense1, dense2,
                          Normalize()],
                 prompts={"query": "task: search result | query: ", "document": "title: none | text: ",
                          "Clustering": "task: clustering | query: "})
    model, tokenizer = reload(folder)
    write("gemma3_text", folder, model, tokenizer, TEXTS, "right",
          st={"model": st, "cases": {"clustering": {"prompt_name": "Clustering"}, "none": {},
                                     "document": {"prompt_name": "document"},
                                     "clustering_dim16": {"prompt_name": "Clustering", "truncate_dim": 16,
                                                          "normalize_embeddings": True}}})


if __name__ == "__main__":
    torch.set_num_threads(1)
    for make in (bert, roberta, xlm_roberta, distilbert, mpnet, modernbert, qwen3, gemma3_text):
        make()
        print("wrote", make.__name__)
