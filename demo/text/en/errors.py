"""English: what the service says when it refuses a request or fails."""

TEXT: dict[str, str] = {
    # service errors (demo/inputs.py, catalog.py, loading.py, faults.py, hub.py, service.py, guess.py, inside/)
    "error.not_string": "Text must be a string, not {kind}.",
    "error.whole_number": "{name} must be a whole number between {low} and {high}.",
    "error.whole_number_got": "{name} must be a whole number between {low} and {high}; got {value}.",
    "error.number": "{name} must be a number between {low} and {high}.",
    "error.number_above": "{name} must be above {low} and at most {high}; got {value:g}.",
    "error.number_at_least": "{name} must be at least {low} and at most {high}; got {value:g}.",
    "error.choice": "Unknown {name}. Choose one of: {choices}.",
    "error.fraction": "{name} must be a fraction above 0 and below 1.",
    "error.fraction_got": "{name} must be a fraction above 0 and below 1; got {value:g}.",
    "error.number_list": "{name} must be a list of whole numbers between {low} and {high}.",
    "error.number_list_count": "{name} may have at most {limit} values; got {count}.",
    "error.words_type": "words must be a list of strings, or one string with commas between the words.",
    "error.guess_count": "At most {limit} guesses at once; got {count}.",
    "error.guess_chars": "A guess must be at most {limit} characters, with no control characters.",
    "error.guess_pieces": "A guess may be at most {limit} pieces long; one is {count}.",
    "error.guess_too_long": "Text and guess are {count} tokens; {model} can handle at most {limit} positions.",
    "error.no_model": "No model given. Choose one of: {choices}.",
    "error.unknown_model": "Unknown model. Choose one of: {choices}.",
    "error.unknown_model_local": ("Unknown model (local model directories are not enabled on this server). "
                                  "Choose one of: {choices}."),
    "error.no_config": "Model directory '{path}' has no config.json: save it with save_pretrained().",
    "error.not_an_lm": "Model in '{path}' is neither a masked nor a causal LM (architectures: {architectures}).",
    "error.not_loaded": ("Model '{model}' is not loaded on this server, which loads its models at start-up. "
                         "Choose one of: {choices}."),
    "error.unserved_family": ("Model '{model}' is a {family} model; this app serves masked, causal and "
                              "encoder-decoder LMs."),
    "error.load_failed_hub": ("Could not load model '{model}': {why}. To fix: choose a bundled pocket model, or run "
                              "once with network access so the weights are cached."),
    "error.load_failed_bundled": ("Could not load model '{model}': {why}. To fix: reinstall the app: the bundled "
                                  "model files are missing or damaged."),
    "error.download_broke": ("Could not load model '{model}': the download of its weights from {endpoint} broke off "
                             "at {done} of {total} MB and did not resume. To fix: try again later, or choose a "
                             "bundled pocket model."),
    "error.out_of_memory": ("The model ran out of memory on this request; try a shorter text. Other requests are "
                            "not affected."),
    "error.device_failed": "The GPU failed on this request (the details were logged); please try again.",
    "error.device_restarting": ("The GPU failed on this request and the server is restarting to recover "
                                "(the details were logged); please try again in a minute."),
    "error.replica_lost": ("The server that holds this model stopped while answering, and so did the one tried "
                           "next (the details were logged); please try again in a moment."),
    "error.family_fill": "'{model}' is a {family} model and cannot fill blanks; choose one of: {choices}.",
    "error.family_next": "'{model}' is a {family} model and cannot predict the next word; choose one of: {choices}.",
    "error.family_span": "'{model}' is a {family} model and cannot write a blank's span; choose one of: {choices}.",
    "error.family_guess": "'{model}' is a {family} model; guesses are scored by a masked or a causal model.",
    "error.family_inside": "'{model}' is a {family} model; choose a masked or a causal model.",
    "error.family_measure": ("'{model}' is a {family} model; cost and compression are measured for masked and "
                             "causal models."),
    "error.family_param": "family must be '{masked}' or '{causal}'.",
    "error.too_many_tokens": "Text is {count} tokens; {model} can handle at most {limit} positions.",
    "error.too_many_tokens_room": ("Text is {count} tokens plus {room} new tokens; {model} can handle at most "
                                   "{limit} positions."),
    "error.too_many_tokens_filled": ("Text is {count} tokens with the blank filled in; {model} can handle at most "
                                     "{limit} positions."),
    "error.no_embedding": ("Text contains pieces {model} has no embedding for (its tokenizer and weights disagree); "
                           "remove unusual words or characters and try again."),
    "error.method": "method must be one of: {choices}.",
    "error.target_word": "target must be one word (no spaces), at most {limit} characters.",
    "error.target_unknown": ("The target word is not in {model}'s vocabulary; pick another word, or leave the target "
                             "empty for the model's own top word."),
    "error.target_special": "The target must be a word, not a special token.",
    "error.target_pieces": ("The target must be a single piece of {model}'s vocabulary (one blank, one piece); this "
                            "word splits into {count} pieces. Pick a more common word, or leave the target empty for "
                            "the model's own top word."),
    "error.heads_unsupported": ("Removing heads works on BERT, RoBERTa and GPT-2 models; this model's attention is "
                                "built differently. Try another method."),
    "error.no_feed_forward": "No feed-forward matrices found to factorise in this model; try another method.",
    "error.no_twin": "{model} has no distilled twin in the catalog ({pairs}); try another method.",
    "error.int8_cpu": ("int8 dynamic quantization runs on the CPU only; this server's models are on {device}. "
                       "Try fp16 or bf16."),
    "error.fp16_cpu": ("fp16 has no fast arithmetic on a CPU: at {model}'s size one measurement would hold the device "
                       "for minutes. Try bf16 (the same size), or run the app on a GPU."),
    # -- the message for an unexpected server error (demo/ui/common.py) --
    "error.unexpected": "Something went wrong on the server (it was logged). Please try again.",
}
