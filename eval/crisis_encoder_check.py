"""Check bot/crisis/encoder.py (numpy BERT) against Hugging Face transformers' TFBertModel.

Not part of `make eval`: transformers is not a dependency of the bot. Run it after changing the
encoder, with transformers installed outside the venv for the check only:

    .venv/bin/pip install --target /tmp/crisis_ref --no-deps \
        transformers==4.38.2 tokenizers==0.15.2 huggingface_hub==0.21.4
    python -m eval.crisis_encoder_check /tmp/crisis_ref

Last run (this commit): 216 texts (every tenth validation message and edge cases: emoji,
accents, full-width letters, 300-character words, empty), token ids identical to
BertTokenizerFast, sentence-embedding cosine >= 0.9999998, layer-2 states within 2e-3.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "/tmp/crisis_ref")
    from safetensors.numpy import load_file
    from transformers import BertConfig, BertTokenizerFast, TFBertModel
    from transformers.modeling_tf_pytorch_utils import load_pytorch_state_dict_in_tf2_model

    from bot.crisis.encoder import get_encoder, model_dir

    directory = str(model_dir())
    tokenizer = BertTokenizerFast.from_pretrained(directory)
    model = TFBertModel(BertConfig.from_pretrained(directory))
    load_pytorch_state_dict_in_tf2_model(model, load_file(directory + "/model.safetensors"))
    encoder = get_encoder()
    lines = (ROOT / "eval" / "data" / "crisis_dev" / "validation.tsv").read_text().splitlines()
    texts = [line.split("\t", 1)[1] for line in lines if "\t" in line and not line.startswith("#")][
        ::10
    ]
    texts += ["I'm dead 💀 lol, café naïve", "KMS!!! rn", "ｆｕｌｌ width", "😭😭😭", "", "a" * 300]
    mismatches, cosines = 0, []
    for text in texts:
        ids = tokenizer(text, truncation=True, max_length=128)["input_ids"]
        if encoder.tokenizer.encode(text) != ids:
            mismatches += 1
        out = model(
            input_ids=np.array([ids]),
            attention_mask=np.ones((1, len(ids)), np.int32),
            output_hidden_states=True,
        )
        ref = out.last_hidden_state.numpy()[0].mean(0)
        ref /= np.linalg.norm(ref)
        cosines.append(float(encoder.embed(text) @ ref))
        states = encoder.layer_states(ids)
        assert np.allclose(out.hidden_states[2].numpy()[0], states[2], atol=2e-3)
    print(
        f"{len(texts)} texts, {mismatches} token mismatches, "
        f"min cosine {min(cosines):.7f}, mean {np.mean(cosines):.7f}"
    )
    return 0 if mismatches == 0 and min(cosines) >= 0.999 else 1


if __name__ == "__main__":
    sys.exit(main())
