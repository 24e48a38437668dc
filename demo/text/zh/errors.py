"""简体中文 (Chinese): what the service says when it refuses a request or fails."""

TEXT: dict[str, str] = {
    # 服务层的错误信息（demo/inputs.py、catalog.py、loading.py、faults.py、hub.py、service.py、guess.py、inside/、measure/）
    "error.not_string": "文本必须是字符串，而不是 {kind}。",
    "error.whole_number": "{name} 必须是 {low} 到 {high} 之间的整数。",
    "error.whole_number_got": "{name} 必须是 {low} 到 {high} 之间的整数；收到的是 {value}。",
    "error.number": "{name} 必须是 {low} 到 {high} 之间的数。",
    "error.number_above": "{name} 必须大于 {low} 且不超过 {high}；收到的是 {value:g}。",
    "error.number_at_least": "{name} 必须不小于 {low} 且不超过 {high}；收到的是 {value:g}。",
    "error.choice": "未知的 {name}。请从以下选项中选择：{choices}。",
    "error.fraction": "{name} 必须是大于 0、小于 1 的小数。",
    "error.fraction_got": "{name} 必须是大于 0、小于 1 的小数；收到的是 {value:g}。",
    "error.number_list": "{name} 必须是一组 {low} 到 {high} 之间的整数。",
    "error.number_list_count": "{name} 最多只能有 {limit} 个值；收到了 {count} 个。",
    "error.words_type": "words 必须是字符串列表，或是一个用逗号分隔各个词的字符串。",
    "error.guess_count": "一次最多猜 {limit} 个词；现在有 {count} 个。",
    "error.guess_chars": "每个猜测最多 {limit} 个字符，且不能含有控制字符。",
    "error.guess_pieces": "一个猜测最多只能切成 {limit} 个词元；现在有一个切成了 {count} 个。",
    "error.guess_too_long": "文本加上猜测共有 {count} 个词元；{model} 最多只能处理 {limit} 个位置。",
    "error.no_model": "没有指定模型。请从以下模型中选择：{choices}。",
    "error.unknown_model": "未知的模型。请从以下模型中选择：{choices}。",
    "error.unknown_model_local": "未知的模型（这台服务器没有开放本地模型目录）。请从以下模型中选择：{choices}。",
    "error.no_config": "模型目录“{path}”里没有 config.json：请用 save_pretrained() 保存模型。",
    "error.not_an_lm": "“{path}”中的模型既不是掩码语言模型，也不是因果语言模型（架构：{architectures}）。",
    "error.not_loaded": "模型“{model}”没有在这台服务器上加载，这台服务器只在启动时加载模型。请从以下模型中选择：{choices}。",
    "error.unserved_family": "模型“{model}”的类型是 {family}；本应用只支持掩码、因果和编码器-解码器语言模型。",
    "error.load_failed_hub": ("无法加载模型“{model}”：{why}。解决办法：选择一个内置的 pocket 模型，"
                              "或在能联网时运行一次，把权重缓存下来。"),
    "error.load_failed_bundled": "无法加载模型“{model}”：{why}。解决办法：重新安装本应用，内置的模型文件缺失或已损坏。",
    "error.download_broke": ("无法加载模型“{model}”：从 {endpoint} 下载权重时，在 {done} MB（共 {total} MB）处中断，"
                             "且未能续传。解决办法：稍后再试，或选择一个内置的 pocket 模型。"),
    "error.out_of_memory": "模型处理这次请求时内存不足，请换一段更短的文本。其他请求不受影响。",
    "error.device_failed": "GPU 在处理这次请求时出错（详细信息已记入日志），请再试一次。",
    "error.device_restarting": "GPU 在处理这次请求时出错，服务器正在重启以恢复（详细信息已记入日志），请一分钟后再试。",
    "error.replica_lost": "存放这个模型的服务器在回答时停止了，换一台重试也没有成功（详细信息已记入日志），请稍后再试。",
    "error.family_fill": "“{model}”不是掩码模型（它的类型是 {family}），不能填空；请从以下模型中选择：{choices}。",
    "error.family_next": "“{model}”不是因果模型（它的类型是 {family}），不能预测下一个词；请从以下模型中选择：{choices}。",
    "error.family_span": ("“{model}”不是编码器-解码器模型（它的类型是 {family}），不能写出空白处的片段；"
                          "请从以下模型中选择：{choices}。"),
    "error.family_guess": "“{model}”的类型是 {family}，既不是掩码模型也不是因果模型；只有这两类模型能为猜测打分。",
    "error.family_inside": "“{model}”的类型是 {family}；请选择掩码模型或因果模型。",
    "error.family_measure": "“{model}”的类型是 {family}；代价与压缩只针对掩码模型和因果模型测量。",
    "error.family_param": "family 必须是“{masked}”或“{causal}”。",
    "error.too_many_tokens": "文本有 {count} 个词元；{model} 最多只能处理 {limit} 个位置。",
    "error.too_many_tokens_room": "文本有 {count} 个词元，再加上 {room} 个新词元；{model} 最多只能处理 {limit} 个位置。",
    "error.too_many_tokens_filled": "空白处填上词后，文本有 {count} 个词元；{model} 最多只能处理 {limit} 个位置。",
    "error.no_embedding": ("文本中有些词元在 {model} 里没有对应的词嵌入（它的分词器和权重不一致）；"
                           "请删去不常见的词或字符后再试。"),
    "error.method": "method 必须是以下之一：{choices}。",
    "error.target_word": "target 必须是一个词（不含空格），最多 {limit} 个字符。",
    "error.target_unknown": "要解释的词不在 {model} 的词表里；请换一个词，或者留空，使用模型自己排第一的词。",
    "error.target_special": "要解释的必须是一个词，而不是特殊词元。",
    "error.target_pieces": ("要解释的词必须是 {model} 词表中的单个词元（一个空白对应一个词元）；这个词被切成了 {count} 个词元。"
                            "请换一个更常见的词，或者留空，使用模型自己排第一的词。"),
    "error.heads_unsupported": "去掉注意力头只适用于 BERT、RoBERTa 和 GPT-2 模型；这个模型的注意力结构不同。请换一种方法。",
    "error.no_feed_forward": "在这个模型里找不到可以分解的前馈网络矩阵；请换一种方法。",
    "error.no_twin": "目录中没有 {model} 的蒸馏版模型（{pairs}）；请换一种方法。",
    "error.int8_cpu": "int8 动态量化只能在 CPU 上运行；这台服务器的模型在 {device} 上。请试试 fp16 或 bf16。",
    "error.fp16_cpu": ("fp16 在 CPU 上没有快速的运算：以 {model} 的规模，一次测量会占用设备好几分钟。"
                       "请试试 bf16（大小相同），或在 GPU 上运行本应用。"),
    # -- the message for an unexpected server error (demo/ui/common.py) --
    "error.unexpected": "服务器出错了（已记录在日志中）。请再试一次。",
}
