"""Pre-train, then fine-tune: what BERT and GPT are for once pre-trained.

data.py the labelled sentences (shipped or pasted), features.py sentence vectors from the frozen model,
probe.py logistic regression and PCA on them (scikit-learn), fine_tune.py the whole model plus a head trained
against the clock (copies kept per page), next_sentence.py NSP / SOP / the causal question,
sampling.py transformers' warpers one at a time, verbs.py the service verbs. Torch lives here, Gradio never.
"""
