#!/usr/bin/python3
"""Builds the tiny BERT-shaped TorchScript fixture for backend-hf's tests, and what PyTorch computes from it.

Run with Debian's python3-torch (apt install python3-torch; torch 1.13); nothing is downloaded:
    /usr/bin/python3 make_fixture.py            (writes into this script's folder)

Writes, deterministically from SEED:
  model.pt        a randomly initialised BERT-shaped encoder (word, position and token-type embeddings,
                  2 self-attention layers, hidden 32, 4 heads, 64 positions) traced with
                  (input_ids, attention_mask, token_type_ids), returning (last_hidden_state, pooler_output)
                  as transformers' torchscript=True models do
  tokenizer.json  a Hugging Face BERT WordPiece tokenizer (lower-casing, [CLS] ... [SEP]) over VOCAB
  variants/       the same weights traced returning only the 2-d pooler output (pooler-only.pt), and traced
                  with (input_ids, attention_mask) alone (two-inputs.pt)
  config.json     model_type bert, hidden_size, max_position_embeddings
  expected.json   for TEXTS: the token ids this script's WordPiece gives, the masked-mean pooled and L2-normalised
                  vectors, the CLS vectors, and the raw last_hidden_state of the first text, all from PyTorch
The Java tests never need torch: they load these files and compare.
"""
import json
import os
import re

import torch
from torch import nn

SEED = 20261128
HIDDEN, HEADS, LAYERS, MAX_POS, FFN = 32, 4, 2, 64, 64
WORDS = ("the a an of to and in is it for on with as by at from this that be are was were "
         "package library tool data file network server client system python java debian linux kernel "
         "driver audio video image text font game editor shell command line terminal web browser mail "
         "database query graph plot math science test build compile source code document topic model "
         "quick brown fox jumps over lazy dog hello world").split()
PIECES = ["##s", "##ed", "##ing", "##er", "##ly", "##es", "un", "re", "##a", "##e", "##i", "##o", "##t", "##n", "##r"]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("abcdefghijklmnopqrstuvwxyz0123456789.,;:!?'-()") \
    + ["##" + c for c in "abcdefghijklmnopqrstuvwxyz0123456789"] + WORDS + PIECES
VOCAB = list(dict.fromkeys(VOCAB))
TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "A Python library for network servers and clients",
    "Debian package of the Linux kernel audio driver!",
    "hello",
    "",
    "Unknown words like zyzzyva get pieces; numbers 42 too.",
    "Shell command-line tools: editors, terminals and web browsers",
]


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN)
        self.out = nn.Linear(HIDDEN, HIDDEN)
        self.norm1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.ff1 = nn.Linear(HIDDEN, FFN)
        self.ff2 = nn.Linear(FFN, HIDDEN)
        self.norm2 = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, mask_bias):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).split(HIDDEN, dim=2)
        q = q.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        k = k.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        v = v.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        scores = q @ k.transpose(-1, -2) / (HIDDEN // HEADS) ** 0.5 + mask_bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.norm1(x + self.out(ctx))
        return self.norm2(x + self.ff2(nn.functional.gelu(self.ff1(x))))


class TinyBert(nn.Module):
    def __init__(self):
        super().__init__()
        self.words = nn.Embedding(len(VOCAB), HIDDEN)
        self.positions = nn.Embedding(MAX_POS, HIDDEN)
        self.types = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.pool = nn.Linear(HIDDEN, HIDDEN)
        self.register_buffer("position_ids", torch.arange(MAX_POS).unsqueeze(0))

    def forward(self, input_ids, attention_mask, token_type_ids):
        seq = input_ids.size(1)
        x = self.words(input_ids) + self.positions(self.position_ids[:, :seq]) + self.types(token_type_ids)
        x = self.norm(x)
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x, torch.tanh(self.pool(x[:, 0]))


class PoolerOnly(nn.Module):
    """A model whose only output is 2-d: what the Java side must refuse with a clear message."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids, attention_mask, token_type_ids)[1]


class TwoInputs(nn.Module):
    """The same weights traced without token_type_ids (as DistilBERT and RoBERTa exports are)."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask):
        return self.bert(input_ids, attention_mask, torch.zeros_like(input_ids))[0]


def save_variant(module, inputs, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.jit.trace(module, inputs).save(path)


def basic_tokens(text):
    """BERT's basic tokenizer for ASCII text: lower-case, split on whitespace and punctuation."""
    return re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower())


def wordpiece(word):
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in VOCAB:
                ids.append(VOCAB.index(piece))
                break
            end -= 1
        if end == start:
            return [VOCAB.index("[UNK]")]
        start = end
    return ids


def encode(text):
    ids = [VOCAB.index("[CLS]")]
    for w in basic_tokens(text):
        ids += wordpiece(w)
    return ids[:MAX_POS - 1] + [VOCAB.index("[SEP]")]


def tokenizer_json():
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": VOCAB.index(t), "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t in ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [VOCAB.index(t)], "tokens": [t]} for t in ["[CLS]", "[SEP]"]}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }


def main():
    out = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(SEED)
    model = TinyBert().eval()
    example = torch.tensor([encode(TEXTS[0])])
    with torch.no_grad():
        traced = torch.jit.trace(model, (example, torch.ones_like(example), torch.zeros_like(example)))
    traced.save(os.path.join(out, "model.pt"))
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_json(), f, indent=1)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"model_type": "bert", "architectures": ["BertModel"], "hidden_size": HIDDEN,
                   "num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "max_position_embeddings": MAX_POS,
                   "vocab_size": len(VOCAB), "torchscript": True}, f, indent=1)
    example_inputs = (example, torch.ones_like(example), torch.zeros_like(example))
    save_variant(PoolerOnly(model), example_inputs, os.path.join(out, "variants", "pooler-only.pt"))
    save_variant(TwoInputs(model), example_inputs[:2], os.path.join(out, "variants", "two-inputs.pt"))
    loaded = torch.jit.load(os.path.join(out, "model.pt"))
    ids, mean, cls = [], [], []
    with torch.no_grad():
        for text in TEXTS:
            t = torch.tensor([encode(text)])
            hidden = loaded(t, torch.ones_like(t), torch.zeros_like(t))[0][0]
            pooled = hidden.mean(0)
            ids.append(t[0].tolist())
            mean.append((pooled / pooled.norm().clamp_min(1e-12)).tolist())
            cls.append((hidden[0] / hidden[0].norm().clamp_min(1e-12)).tolist())
            if len(ids) == 1:
                first_hidden = hidden.tolist()
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "seed": SEED, "texts": TEXTS, "input_ids": ids,
                   "mean_normalized": mean, "cls_normalized": cls, "first_last_hidden_state": first_hidden}, f)


if __name__ == "__main__":
    main()
