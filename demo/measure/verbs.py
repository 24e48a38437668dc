"""The service's measuring verbs, `cost` and `compress`: a part of InferenceService kept in its own
file so the facade stays small. They share the service's cache of measured results and its one
measuring lock (never two model copies at once)."""
from __future__ import annotations

from demo import inputs
from demo.catalog import CAUSAL, MASKED, ModelSpec
from demo.errors import WrongFamilyError
from demo.text import Said


class MeasuringVerbs:
    MAX_BATCH_MEASURED = 16

    def cost(self, model: str | None = None, lengths=None, batch_sizes=None, progress=None):
        """Latency and peak memory of a forward pass against length and batch, measured once per
        (model, device) and cached; `progress(fraction, desc=...)` is told how far it is."""
        from demo.measure.cost import cost

        spec = self._measurable(model)
        lengths = inputs.check_int_list("lengths", lengths, 1, spec.max_positions, max_items=12)
        batch_sizes = inputs.check_int_list("batch_sizes", batch_sizes, 1, self.MAX_BATCH_MEASURED, max_items=6)
        lm = self.load(spec.id if model else None, spec.family)
        key = ("cost", lm.spec.id, str(lm.device), tuple(lengths or ()), tuple(batch_sizes or ()))
        with self._measuring, self.device_errors():
            if key not in self._measured:
                self._measured[key] = cost(lm, lengths, batch_sizes, progress)
        return self._measured[key]
    def compress(self, model: str | None = None, method: str = "int8", amount=None, progress=None):
        """One compressed variant of the model against the full model (size, speed, fidelity), cached
        per (model, method, amount); see demo/measure/compress.py."""
        from demo.measure import compress as lab

        spec, method, amount, twin = self.check_compress(model, method, amount)
        lm = self.load(spec.id if model else None, spec.family)
        key = ("compress", lm.spec.id, str(lm.device), method, amount, twin)
        with self._measuring, self.device_errors():
            if key not in self._measured:
                if progress:
                    progress(0.1, desc=Said("progress.compressing", model=lm.spec.id, method=method))
                ref_key = ("reference", lm.spec.id, str(lm.device))
                if ref_key not in self._measured:
                    self._measured[ref_key] = lab.reference(lm)
                twin_lm = self.cache.get(self.catalog[twin]) if twin else None
                self._measured[key] = lab.compress(lm, method, amount, self._measured[ref_key], twin_lm)
        return self._measured[key]

    def check_compress(self, model: str | None = None, method: str = "int8", amount=None):
        """`compress`'s checks alone, nothing loaded or measured: (spec, method, amount, distilled twin or None).
        The tab asks first, so a refused request (no distilled twin) leaves the chart already drawn as it is."""
        from demo.measure import compress as lab

        method = inputs.check_choice("compression method", method, lab.METHODS)
        amount = None if method not in lab.DEFAULT_AMOUNT else (
            lab.DEFAULT_AMOUNT[method] if amount in (None, "") else round(inputs.check_fraction("amount", amount), 3))
        spec = self._measurable(model)
        return spec, method, amount, lab.twin_of(spec.id) if method == "distilled" else None

    def compressed(self) -> list:
        """Every variant measured so far, in the order they were measured (for the fidelity-size chart)."""
        return [v for k, v in list(self._measured.items()) if k[0] == "compress"]

    def _measurable(self, model: str | None) -> ModelSpec:
        spec = self._any_family(model, None)
        if spec.family not in (MASKED, CAUSAL):
            raise WrongFamilyError("error.family_measure", model=spec.id, family=spec.family)
        return spec

