"""Why a model answers as it does: the logit lens, input attribution and one head's arithmetic.

One idea per module; each takes a LoadedModel and token ids checked by the service and returns a
dataclass from demo.results. The service holds the device lock around every call.
"""
