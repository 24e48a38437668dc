"""The service's inside verbs, `lens`, `attribution`, `attention_steps` and `fill_with_own_word`: why each
model answers as it does. A part of InferenceService kept in its own file so the facade stays small;
they use its loading, encoding and device-fault handling."""
from __future__ import annotations

from demo import inputs
from demo.catalog import CAUSAL, MASKED, ModelSpec
from demo.errors import ParameterError, WrongFamilyError
from demo.inside.attention_steps import attention_steps
from demo.inside.lens import logit_lens
from demo.loading import LoadedModel
from demo.results import AttentionSteps, Attribution, Inside, InsideColumn, Lens


class InsideVerbs:
    def inside(self, text: str, masked_model: str | None = None, causal_model: str | None = None, top_k: int = 5,
               method: str = "integrated_gradients", steps: int = 32, target: str | None = None,
               masked_layer: int = 0, masked_head: int = 0, causal_layer: int = 0, causal_head: int = 0) -> Inside:
        """The Inside tab's one verb: lens, attribution and Q·K·V steps for a masked and a causal model on one
        sentence with one blank. Layers and heads are held to each model's range; the steps' query is the
        position the lens reads (the blank, or GPT's last token before it), GPT's text the blank filled
        with its own top word (fill_with_own_word)."""
        columns = {}
        for family, model, layer, head in ((MASKED, masked_model, masked_layer, masked_head),
                                           (CAUSAL, causal_model, causal_layer, causal_head)):
            model = model or None
            lens = self.lens(model, text, top_k, family=family)  # checks the text and top_k first
            attribution = self.attribution(model, text, method, steps, target or None, family=family)
            info = self.load(model, family).info
            layer, head = inputs.clamp_int(layer, 0, info.layers - 1), inputs.clamp_int(head, 0, info.heads - 1)
            shown = self.fill_with_own_word(model, text, lens) if family == CAUSAL else text
            qkv = self.attention_steps(model, shown, layer, head, lens.position, family=family)
            columns[family] = InsideColumn(info, lens, attribution, qkv)
        return Inside(inputs.clean_text(text, self.settings.max_chars), columns[MASKED], columns[CAUSAL])

    def lens(self, model: str | None, text: str, top_k: int = 5, family: str | None = None) -> Lens:
        """The logit lens at the first blank (masked) or at the end / left of the blank (causal)."""
        top_k = inputs.check_int("top_k", top_k, 1, self.settings.max_top_k)
        lm, ids = self._lens_input(model, family, text)
        with self.device_errors(), lm.lock:
            return logit_lens(lm, ids, top_k)

    def attribution(self, model: str | None, text: str, method: str = "integrated_gradients", steps: int = 32,
                    target: str | None = None, family: str | None = None) -> Attribution:
        """Which tokens raised log p(target) at the one blank; target None: the model's own top word."""
        from demo.inside import attribution as explain  # imports Captum (over a second): on first use only

        method = explain.check_method(method)
        steps = inputs.check_int("steps", steps, 1, explain.MAX_STEPS)
        word = explain.check_word(target)
        spec, text = self._inside_text(model, family, text)
        text, _ = inputs.with_mask_token(text, "[MASK]", self.settings.max_masks, exactly=1)
        lm = self.load(spec.id if model else None, spec.family)
        left, right = text.split("[MASK]")
        with self.device_errors(), lm.lock:
            return explain.attribute(lm, left, right, word, method, steps, self.encode)

    def attention_steps(self, model: str | None, text: str, layer: int, head: int, query: int,
                        family: str | None = None) -> AttentionSteps:
        """One head's arithmetic for one query token (all 0-based; tokens as `attention` shows them)."""
        spec, text = self._inside_text(model, family, text)
        lm = self.load(spec.id if model else None, spec.family)
        layer = inputs.check_int("layer", layer, 0, lm.info.layers - 1)
        head = inputs.check_int("head", head, 0, lm.info.heads - 1)
        if spec.family == MASKED:  # a blank as BERT sees it, as in `attention`
            text = inputs.MASK_PATTERN.sub(lm.mask_token, text)
        ids = self.encode(lm, text)
        query = inputs.check_int("query", query, 0, len(ids) - 1)
        with self.device_errors(), lm.lock:
            return attention_steps(lm, ids, layer, head, query)

    def fill_with_own_word(self, model: str | None, text: str, lens: Lens | None = None) -> str:
        """The text with its first blank filled by the causal model's own top word (teacher forcing): what
        GPT's column reads in the Q·K·V steps, so the words after the blank are real tokens its mask hides,
        not "___". `lens`: that model's lens of this text, when the caller has it already."""
        if not isinstance(text, str) or not inputs.MASK_PATTERN.search(text):
            return text
        lens = lens or self.lens(model, text, 1, family=CAUSAL)
        return inputs.MASK_PATTERN.sub(lens.final.text.strip() or lens.final.token, text, count=1)

    def _lens_input(self, model: str | None, family: str | None, text: str) -> tuple[LoadedModel, list[int]]:
        """Masked: the text with its blanks (at least one) in the model's mask token. Causal: the text, or
        the words left of its first blank (GPT reads only those; its start token if there are none)."""
        spec, text = self._inside_text(model, family, text)
        if spec.family == MASKED or inputs.MASK_PATTERN.search(text):
            text, _ = inputs.with_mask_token(text, "[MASK]", self.settings.max_masks)
        lm = self.load(spec.id if model else None, spec.family)
        if spec.family == MASKED:
            return lm, self.encode(lm, text.replace("[MASK]", lm.mask_token))
        left = text.split("[MASK]")[0].rstrip() if "[MASK]" in text else text
        if not left and lm.tokenizer.bos_token_id is not None:  # nothing to read: GPT starts from its start token
            return lm, [lm.tokenizer.bos_token_id]
        return lm, self.encode(lm, left)

    def _inside_text(self, model: str | None, family: str | None, text: str) -> tuple[ModelSpec, str]:
        """The spec (a masked or causal model: the inside views are written for those) and the clean text."""
        if family not in (None, MASKED, CAUSAL):
            raise ParameterError("error.family_param", masked=MASKED, causal=CAUSAL)
        spec = self._any_family(model, family)
        if spec.family not in (MASKED, CAUSAL):
            raise WrongFamilyError("error.family_inside", model=spec.id, family=spec.family)
        return spec, inputs.clean_text(text, self.settings.max_chars)
