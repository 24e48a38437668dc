"""简体中文 (Chinese): the Cost & compression tab, its variants and progress lines."""

TEXT: dict[str, str] = {
    # -- 代价与压缩标签页（demo/ui/cost_tab.py、demo/viz/cost.py）---------------------------
    "tab.cost": "代价与压缩",
    "cost.intro": (
        "## 注意力的代价：在这台服务器上实测\n"
        "点击**测量**，在应用所用的设备上为每个模型计时：从短到模型上限的约八种长度，以及一次 1、2、4、8 段文本的批量。"
        "每个模型第一次测量最多需要 20 秒（期间同学们的请求照常穿插处理），之后结果会被记住。"
        "旁边还给出每一层的计算量如何分成随长度 *n* 增长的部分和随 *n²* 增长的部分，以及从多长开始注意力的 *n²* 部分占上风。"
    ),
    "cost.masked_model": "掩码模型（BERT 类）",
    "cost.causal_model": "因果模型（GPT 类）",
    "cost.options": "长度与批量大小",
    "cost.lengths": "长度（词元数，如 8, 64, 256；留空 = 到上限约 8 个点）",
    "cost.batch_sizes": "批量大小（如 1, 2, 4, 8；留空 = 1, 2, 4, 8）",
    "cost.measure": "测量",
    "cost.lab": (
        "## 压缩实验室\n"
        "用一种方法把每个模型变小，看看还剩下什么：**大小**；在相同句子上与完整模型相比的**速度**；以及**保真度**，"
        "即在 16 个固定句子上，完整模型的前 5 个候选词中有多少仍出现在压缩后模型的前 5 名里。"
        "每个变体都从一份副本构建，测完即丢弃，大家正在使用的模型从不改动。"
        "*比例* 对 **prune** 是稀疏度，对 **heads** 是去掉的注意力头所占比例，对 **low_rank** 是保留的秩所占比例；其他方法忽略它。"
    ),
    "cost.method": "方法",
    "cost.amount": "比例（prune、heads、low_rank）",
    "cost.compress": "压缩两个模型",
    "cost.measured": "实测",
    "cost.fit": "拟合 a + b·n + c·n²",
    "cost.fit_n2": "拟合中的 c·n² 部分",
    "cost.fit_no_n2": "在这些长度上拟合的 n² 项为负（是噪声，不是注意力变便宜了）：它的曲线画在 0 毫秒处。测量更长的长度就能看到它。",
    "cost.fit_clipped": "拟合曲线低于 0 毫秒的部分被截去：没有哪次运行的时间少于零。",
    "cost.latency_title": "{model}：一次前向计算的耗时与长度",
    "cost.length_axis": "长度 n（词元）",
    "cost.ms_axis": "毫秒",
    "cost.split_title": "{model}：一层的计算量花在哪里（按公式计算，非实测）",
    "cost.part.projections": "Q、K、V 与输出投影（∝ n）",
    "cost.part.feed_forward": "前馈网络（∝ n）",
    "cost.part.scores": "打分 Q·Kᵀ（∝ n²）",
    "cost.part.weighted_sum": "权重 · V（∝ n²）",
    "cost.share_axis": "占该层浮点运算的比例",
    "cost.limit": "本模型上限：{n}",
    "cost.crossover_mark": "从 {n} 起 n² 部分 > n 部分",
    "cost.memory_title": "{model}：一次前向计算的峰值内存",
    "cost.memory_length": "随长度变化（一段文本）",
    "cost.memory_batch": "随批量大小变化",
    "cost.at_batch_one": "一段文本",
    "cost.at_length": "每段 {n} 个词元",
    "cost.batch_axis": "批量中的文本数",
    "cost.summary": (
        "**{model}**，设备 {device}，{dtype}：{short} 个词元的一次前向计算用时 **{short_ms} 毫秒**，{long} 个词元用时 "
        "**{long_ms} 毫秒**（测量共用 {seconds} 秒）。最小二乘拟合：时间 ≈ {a} 毫秒 + {b} 微秒·n + {c} 纳秒·n²。\n\n"
        "每一层里，Q、K、V 与输出投影以及前馈网络随 *n* 增长：每个词元 {linear} 次浮点运算（8d² + 4df，d = {d}，f = {f}）。"
        "注意力的打分与加权求和随 *n²* 增长：每对词元 {quad} 次浮点运算（4d）。"
        "**从 n = 2d + f = {cross} 个词元起，n² 部分超过 n 部分。** 在本模型 {limit} 个词元的上限处，它占一层计算量的 {share}。"
    ),
    "cost.beyond": ("这已超出模型的 {limit} 个位置：在这个模型上，投影和前馈网络的开销始终大于注意力的 n² 部分；"
                    "只有更长的文本才会让它占上风。"),
    "cost.within": "这在模型的 {limit} 个位置之内：处理最长的文本时，注意力的 n² 部分占主导。",
    "cost.fit_says": "实测拟合在趋势上一致：其 n² 项从约 {n} 个词元起超过 n 项。",
    "cost.fit_silent": "这里拟合的 n² 项太小或噪声太大，看不出从哪里开始超过：在这种规模下，实测时间主要由固定开销和 n 部分决定。",
    "cost.memory_says": ("峰值内存从 {short} 个词元时的 {m1} 增长到 {long} 个词元时的 {m2}；"
                         "在 {n} 个词元时，从一段文本的 {b1} 增长到 {batch} 段一批的 {b2}。"),
    "cost.memory_how": "内存的测量方式：{how}。",
    "cost.skipped": "为不超出时间预算而略去：{points}。",
    "cost.skipped_point": "批大小 {batch} × {length} 个词元（约 {predicted} 秒；{budget} 秒的预算还剩 {left} 秒）",
    "cost.measure_cuda": "前向计算期间 CUDA 分配器的峰值，减去此前已分配的量（即权重）",
    "cost.measure_tensors": "前向计算期间仍存活的张量字节数的峰值（跟踪每个 aten 算子的输出直到释放；不含内核的临时空间），减去权重",
    # Plotly 的悬停模板：%{{x}} 属于 Plotly，为 str.format 写成双花括号
    "cost.hover_latency": "n = %{{x}}：%{{y:.1f}} 毫秒",
    "cost.hover_share": "n = %{{x:.0f}} 时：%{{y:.1f}}%",
    "cost.hover_variant": "%{{text}}：大小 %{{x:.0f}}%，保真度 %{{y:.0f}}%",
    "cost.card.size": "大小",
    "cost.card.parameters": "存储的权重数",
    "cost.card.speed": "耗时（相对完整模型）",
    "cost.card.fidelity": "保真度（前 5 名保留）",
    "cost.card.accuracy": "被遮词在前 5 名中",
    "cost.card.perplexity": "困惑度（越低越好）",
    "cost.card.full": "完整模型",
    "cost.card.zeros": "为零的权重",
    "cost.variants_title": "保真度与大小：目前测过的所有变体",
    "cost.size_axis": "大小（占完整模型的比例）",
    "cost.fidelity_axis": "保真度（前 5 名保留的比例）",
    "cost.no_variants": "还没有测过任何变体：选择一种方法，然后点击“压缩两个模型”。",

    # -- what each compressed variant is (demo/measure/variants.py, compress.py) --
    "variant.int8": "对 {count} 个层内矩阵做 int8 动态量化；词嵌入和语言模型输出层仍为浮点数",
    "variant.int8_conv1d": "对 {count} 个层内矩阵做 int8 动态量化（先把 GPT-2 的 Conv1D 转成 Linear）；词嵌入和语言模型输出层仍为浮点数",
    "variant.cast": "所有权重都转换为 {dtype}",
    "variant.prune": "全局 L1 幅值剪枝：{count} 个层内矩阵中 {share} 的权重被置为 0",
    "variant.heads": "去掉了 {total} 个注意力头中的 {gone} 个，按 ‖W_V 切片‖·‖W_O 切片‖ 从小到大去掉（每层至少保留一个头）",
    "variant.low_rank": "{count} 个前馈层矩阵被替换为截断 SVD 得到的秩 {kept} 因子（原秩 {full}）",
    "variant.distilled": "模型目录中的蒸馏版 {model}",
    # -- progress lines of the Cost tab (demo/measure/cost.py, verbs.py) --
    "progress.measuring": "正在测量 {model}：批大小 {batch} × {length} 个词元",
    "progress.measured": "{model} 测量完毕",
    "progress.compressing": "正在压缩 {model}：{method}",
}
