"""Cost and compression (demo/measure): attention's O(n²) and a smaller copy of a model."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CostPoint:
    batch: int
    length: int  # tokens per row
    seconds: float  # the fastest of `repeats` forward passes of the transformer body
    peak_bytes: int  # peak bytes allocated during the forward above those held before it (weights excluded)
    repeats: int = 1


@dataclass(frozen=True)
class Cost:
    """Latency and memory of one model's forward pass against length and batch, measured on this
    server, with a least-squares fit and the analytic FLOPs per layer split by how they grow."""
    model: str
    device: str  # "cpu (2 threads)", "cuda (NVIDIA H100 …)"
    dtype: str
    layers: int
    hidden: int  # d
    intermediate: int  # f, the feed-forward width
    max_positions: int
    points: list[CostPoint]
    fit: tuple[float, float, float]  # (a, b, c): seconds ≈ a + b·n + c·n² over the batch-1 points
    memory_measure: str  # how peak_bytes was measured, in words
    skipped: list[str] = field(default_factory=list)  # points left out to stay within the time budget
    seconds: float = 0.0  # how long measuring took

    # Per layer and row, for n tokens (d = hidden, f = feed-forward width; a multiply-add = 2 FLOPs):
    # projections Q, K, V and output: 4 matrices d×d → 8·d²·n; feed-forward d→f→d: 4·d·f·n;
    # scores Q·Kᵀ: 2·d·n²; weights·V: 2·d·n² (summed over heads; eager attention computes the full square).
    def flops(self, n: float) -> dict[str, float]:
        d, f = self.hidden, self.intermediate
        return {"projections": 8 * d * d * n, "feed_forward": 4 * d * f * n,
                "scores": 2 * d * n * n, "weighted_sum": 2 * d * n * n}

    @property
    def crossover(self) -> float:
        """The length from which the n² part (4·d·n²) exceeds the n part ((8·d² + 4·d·f)·n): 2d + f."""
        return 2 * self.hidden + self.intermediate

    def attention_share(self, n: float) -> float:
        """The n² part's share of a layer's FLOPs at length n: n / (n + 2d + f)."""
        return n / (n + self.crossover)

    @property
    def fit_crossover(self) -> float | None:
        """Where the fit's c·n² overtakes its b·n: b / c, when both are positive (else not meaningful)."""
        _, b, c = self.fit
        return b / c if b > 0 and c > 0 else None

    def at_batch(self, batch: int) -> list[CostPoint]:
        return sorted((p for p in self.points if p.batch == batch), key=lambda p: p.length)

    def at_length(self, length: int) -> list[CostPoint]:
        return sorted((p for p in self.points if p.length == length), key=lambda p: p.batch)


@dataclass(frozen=True)
class Compressed:
    """One compressed variant of a model against the full model, measured in the same run."""
    model: str
    method: str  # int8 | fp16 | bf16 | prune | heads | low_rank | distilled
    amount: float | None  # sparsity (prune), fraction of heads removed (heads), of the rank kept (low_rank)
    bytes: int  # stored weights (state dict, shared tensors once)
    full_bytes: int
    parameters: int  # stored weight values (a pruned weight still stores its zeros)
    full_parameters: int
    seconds_ratio: float  # variant / full latency on the same inputs (fastest of a few interleaved runs)
    fidelity: float  # mean share of the full model's top-5 the variant also ranks in its top-5 (1.0 = same)
    quality: float  # masked: top-5 accuracy of the hidden word; causal: perplexity (lower is better)
    full_quality: float
    quality_name: str  # "top-5 accuracy" | "perplexity"
    sentences: int  # how many fixed sentences fidelity and quality were measured on
    zeros: float = 0.0  # share of the layers' weights that are exactly zero
    note: str = ""  # how the variant was made, in words
    device: str = "cpu"

    @property
    def size_ratio(self) -> float:
        return self.bytes / self.full_bytes
