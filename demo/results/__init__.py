"""Plain dataclasses the service returns: the contract between the models and every view (one module an idea)."""
from demo.results.talk import Candidate, FillMask, NextTokens, GeneratedToken, Generation, Attention, AttentionPair, RankedCandidate, Comparison, Causality, Span, Infill, ModelInfo, Split, Splits, WordScore, WordScores  # noqa: F401
from demo.results.inside import Lens, Attribution, AttentionSteps, InsideColumn, Inside  # noqa: F401
from demo.results.measure import CostPoint, Cost, Compressed  # noqa: F401
from demo.results.adapt import POOLS, Probe, FineTune, Classified, NextSentence, WarpStep, Warping  # noqa: F401
