"""简体中文：应用中所有面向用户的文字，按键名（"区域.内容"）排列，与 en.py 一一对应。"""

TEXT: dict[str, str] = {
    # -- 页面 -----------------------------------------------------------------------------
    "app.title": "BERT 与 GPT 对照",
    "app.intro": (
        "# BERT 与 GPT\n"
        "**BERT** 一次读完整个句子（双向编码器，训练目标是填出被遮住的词）。\n"
        "**GPT** 从左往右读（解码器，训练目标是预测下一个词）。用同一段文字试试两者。"
    ),
    "tab.fill": "填空（BERT）",
    "tab.next": "下一个词（GPT）",
    "tab.attention": "注意力",
    "tab.compare": "BERT 对比 GPT",
    "tab.learn": "两者有何不同",
    # -- 加载与下载模型（hub 分支）----------------------------------------------------------
    "loading.models": "正在加载 {names}（仅首次使用时加载，之后所有人共用）",
    "loading.download": "正在下载 {model}：已下载 {done} MB，共 {total} MB（仅首次使用时下载）",

    # -- “内部”标签页与注意力标签页的新增内容（第 10 号议题：逻辑透镜、归因、Q·K·V 步骤）---------------
    "tab.inside": "模型内部",
    "inside.intro": (
        "**每个模型为什么这样回答。** 把一个带一处空白（`___` 或 `[MASK]`）的句子同时交给 BERT 式模型和 GPT 式模型，"
        "看看两者内部：各自在第几层找到答案，哪些词把它推向这个答案，以及一个注意力头的具体运算。"
    ),
    "inside.text": "带一处空白的句子",
    "inside.examples": "示例",
    "inside.masked_model": "掩码模型（BERT 式）",
    "inside.causal_model": "因果模型（GPT 式）",
    "inside.run": "查看两个模型的内部",
    "inside.lens.explain": (
        "### 1. 逻辑透镜：答案在第几层出现？\n"
        "每一层之后，把空白处（GPT：空白前的那个词）的隐藏状态送入模型自己的输出头，就好像模型在这一层停下。"
        "每一行是一层（最上面是词嵌入，最下面是模型真正的回答）；每个格子是该层会给出的词，颜色表示它的概率。"
        "最终答案用**粗体**标出。"
    ),
    "inside.lens.top_k": "每层显示的词数（top-k）",
    "inside.lens.button": "显示逻辑透镜",
    "inside.lens.lines_label": "最终答案的概率，逐层变化",
    "inside.masked.lens_label": "掩码模型：逐层",
    "inside.causal.lens_label": "因果模型：逐层",
    "inside.lens.embeddings": "词嵌入",
    "inside.lens.layer": "第 {n} 层",
    "inside.lens.prob": "概率",
    "inside.lens.rank": "名次",
    "inside.lens.title": "{model}：每一层会给出的回答（最终：“{word}”）",
    "inside.lens.hover_rank": "第 {rank} 名",
    "inside.lens.depth": "层（0 = 词嵌入）",
    "inside.lens.final_prob": "最终答案的概率",
    "inside.lens.lines_title": "每个模型何时确定答案？（★ = 首次排第 1）",
    "inside.lens.at_embeddings": "在词嵌入中（尚未经过任何一层）",
    "inside.lens.at_layer": "在第 {n} 层（共 {of} 层）",
    "inside.lens.knows": "<b>{model}</b> {where}首次把答案“{word}”排在第 1 名。",
    "inside.attr.explain": (
        "### 2. 归因：哪些词推动了这个答案？\n"
        "每个词元的底色表示它把模型在空白处所选词的对数概率提高了（蓝色）还是降低了（橙色），以及程度。"
        "**BERT** 根据空白两侧来解释它的词。**GPT** 拿到的是同一个句子，空白处填上它自己的词，"
        "但它在读到后面的内容之前就已预测了空白：那些词元的梯度恰好为 0——这是因果掩码的又一次体现。"
    ),
    "inside.attr.method_label": "方法",
    "inside.attr.method_integrated_gradients": "积分梯度",
    "inside.attr.method_gradient_x_input": "梯度 × 输入",
    "inside.attr.steps_label": "步数（积分梯度）",
    "inside.attr.target_label": "要解释的词",
    "inside.attr.target_hint": "留空：各模型自己排第一的词",
    "inside.attr.by_word": "按整词显示（同一个词的各个子词相加）",
    "inside.attr.button": "解释空白处",
    "inside.attr.zero_hint": "恰好为 0：模型在读到这个词元之前就已预测了空白",
    "inside.attr.head_masked": "<b>BERT</b> · {model} · 空白处 log p(“{word}”) = {logprob}，从两侧读取",
    "inside.attr.head_causal": "<b>GPT</b> · {model} · 空白处 log p(“{word}”) = {logprob}，只从左侧读取",
    "inside.attr.sums_integrated_gradients": (
        "各分数之和为 {total}；log p(词) − log p(词 | 基线) = {target} − ({baseline}) = {diff}。"
        "对{method}（{steps} 步）而言，两者应当相等。"
    ),
    "inside.attr.sums_gradient_x_input": (
        "各分数之和为 {total}（{method}，一步估计：不必等于 log p(词) − log p(词 | 基线) = {diff}）。"
    ),
    "inside.attr.baseline": "基线：{baseline}。",
    "inside.attr.causal_zero": "从空白起的最后 {count} 个词元（“{tokens}”）得分恰好为 0：GPT 在读到它们之前就已预测了空白。",
    "inside.attr.masked_right": "空白右侧的词占 BERT 归因总量的 {share}：它两侧都读。",
    "inside.attr.legend_up": "提高了 p(词)",
    "inside.attr.legend_down": "降低了 p(词)",
    "inside.attr.legend_zero": "恰好为 0",
    "inside.attr.legend_blank": "空白处",
    "inside.steps.explain": (
        "### 3. 一个注意力头的运算：Q·K·V 逐步展开\n"
        "选择一层、一个头和一个查询词元。这个头用查询向量给每个键打分（k·q），除以 √d，"
        "对因果模型遮住未来的词元（−∞ 变成权重 0），用 softmax 把分数变成权重，再用这些权重混合值向量。"
        "得到的权重正是“注意力”标签页所画的那一行。层和头会跟随你在“注意力”标签页中的选择。"
    ),
    "inside.steps.button": "显示运算过程",
    "inside.masked.steps_head": "#### 掩码模型",
    "inside.causal.steps_head": "#### 因果模型（空白处填入它自己的词）",
    "inside.steps.layer": "层",
    "inside.steps.head": "头",
    "inside.steps.query": "查询词元（位置）",
    "inside.masked.steps_label": "掩码模型：一个头、一个查询",
    "inside.causal.steps_label": "因果模型：一个头、一个查询",
    "inside.steps.table_label": "每一步，按键词元列出",
    "inside.steps.col_pos": "位置",
    "inside.steps.col_token": "键",
    "inside.steps.col_scores": "k·q",
    "inside.steps.col_scaled": "÷√{d}",
    "inside.steps.col_masked": "掩码后",
    "inside.steps.col_weights": "softmax",
    "inside.steps.p_scores": "1. 打分：每个键的 k·q",
    "inside.steps.p_scaled": "2. 缩放：÷ {root}（√{d}）",
    "inside.steps.p_masked_masked": "3. 掩码：不遮任何词（BERT 两侧都能看到）",
    "inside.steps.p_masked_causal": "3. 掩码：之后的每个词元都设为 −∞（GPT 不能往后看）",
    "inside.steps.p_weights": "4. softmax：注意力权重（和为 1）",
    "inside.steps.p_output": "5. 加权求和：输出 = Σ 权重 × v（{d} 个数）",
    "inside.steps.dims": "该头输出的维度",
    "inside.steps.title": "{model}：第 {layer} 层，第 {head} 个头，查询“{query}”（位置 {pos}）",
    "attention.hide": "隐藏 [CLS] / [SEP] / 起始词元并重新归一化",
    "attention.hide_info": "从两个坐标轴上去掉特殊词元；每一行剩下的权重重新缩放，使其和为 1。",
    "attention.hidden_note": "已隐藏特殊词元，各行已重新归一化",
    "attention.grid_head": "头 {head} · 汇聚 {sink}",
    "attention.sink_note": "汇聚（attention sink）：每个头平均分给第一个词元“{token}”的注意力比例",
    "attention.bertviz_cap": (
        "交互视图只显示 {total} 个词元中的前 {shown} 个：它们把每个权重都画成一条线，"
        "因此对这个模型（{layers} 层 × {heads} 个头）最多画 {cap} 个词元。热力图最多显示 {heatmap} 个词元。"
    ),
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

    # -- 课堂功能（issue 13）：先猜后看、链接、演示模式、导出、停止 ---------------------------------
    "guess.switch": "先猜一猜：猜完之前不显示答案",
    "guess.box": "你的猜测（一个词，或用逗号隔开的几个词）",
    "guess.reveal": "揭晓答案",
    "guess.hidden": "答案已隐藏。先写下你的猜测，再点 **揭晓答案**。",
    "guess.head": "你的猜测在各个模型眼中",
    "guess.col.word": "你的猜测",
    "guess.col.model": "模型",
    "guess.col.prob": "概率",
    "guess.col.rank": "排名",
    "guess.col.pieces": "词元",
    "guess.where.masked": "（填空处）",
    "guess.where.causal": "（作为下一个词）",
    "guess.rank": "第 {rank:,} 名，共 {total:,} 个",
    "guess.top": "第 {rank:,} 名，共 {total:,} 个：正是模型的首选！",
    "guess.unknown": "不在这个模型的词表里",
    "guess.method.masked": ("一个词若被切成几个词元，它的得分是各词元概率的乘积：把空白换成与词元数相同的几个掩码，"
                            "再从左到右逐个填入。排名是它在模型所有单个词元中的位置。"),
    "guess.method.causal": ("一个词若被切成几个词元，它的得分是各词元概率的乘积，每个词元都以原文和它前面的词元为条件"
                            "（链式法则）。排名是它在模型所有单个词元中的位置。"),
    "link.copy": "🔗 复制链接",
    "link.ignored": "链接里有 {count} 项设置无法使用，已忽略（{names}）。",
    "generate.stop": "■ 停止",
    "export.json": "⬇ 结果另存为 JSON",
    "export.bertviz": "⬇ 交互视图另存为单个 HTML 文件（可离线打开）",
    "learn.reading": (
        "## 读句子的两种方式\n"
        "| | **BERT**（编码器） | **GPT**（解码器） |\n"
        "|---|---|---|\n"
        "| 怎么读 | 一次读完整个句子：**双向** | **从左到右**，一个词接一个词 |\n"
        "| 注意力 | 每个词元都关注所有词元 | *因果掩码* 遮住后面的所有词元 |\n"
        "| 训练目标 | **掩码语言模型**：遮住 15% 的词元，根据两侧的上下文猜出来；另加 **下一句预测**"
        "（B 是不是 A 的下一句？） | **下一个词预测**：根据前面的词元预测每一个词元 |\n"
        "| 擅长 | 理解：分类、命名实体识别、抽取式问答 | 生成文本：续写、生成、对话 |\n\n"
        "“BERT 对比 GPT”页把两者放在同一个空白处：BERT 能用到空白后面的词，GPT 不能。"
    ),
    "learn.families": (
        "## 三类预训练模型\n"
        "| 类别 | 例子 | 预训练任务 | 结构 |\n"
        "|---|---|---|---|\n"
        "| **自编码** | BERT | 破坏输入（遮住部分词元），再根据整个上下文把它还原 | 只有编码器 |\n"
        "| **自回归** | GPT | 从左到右预测下一个词元；天然就能生成文本 | 只有解码器 |\n"
        "| **编码器-解码器**（seq2seq） | T5、BART | T5：*片段破坏*，把若干片段换成占位符，再把它们写出来；"
        "BART：*去噪*，还原一段被打乱、被遮盖的文本 | 编码器读，解码器写 |\n\n"
        "编码器-解码器模型双向地读输入、自回归地写输出，适合翻译、摘要等“文本到文本”的任务。"
    ),
    "learn.tokens": (
        "## 词被切成词元\n"
        "两种模型都会把不认识的整词切成认识的小块（词元）。**BERT 的 WordPiece** 用 **##** 标出*接在词中间*的词元。"
        "**GPT 的字节级 BPE** 在字节上做切分，用 **Ġ** 标出*以空格开头*的词元，所以它不会遇到不认识的字符"
        "（带重音的字母可能显示成两个奇怪的符号：那是它的字节）。\n\n"
        "**中文** 书写时词与词之间没有空格。中文 BERT（`bert-base-chinese`）的分词是 **每个汉字一个词元**："
        "“今天天气很好”就是六个词元。GPT-2 的字节级 BPE 把每个汉字看成 **三个 UTF-8 字节**，只合并训练时常见的字节对，"
        "所以一个汉字可能占一到三个词元，一个词元也可能只是半个汉字（显示为奇怪的符号）。目录中的中文 GPT-2"
        "（`uer/gpt2-chinese-cluecorpussmall`）改用 BERT 的汉字词表，避开了这个问题。"
    ),
    "error.empty": "文本是空的：请先输入一句话。",
    "error.too_long": "文本有 {count:,} 个字符，上限是 {limit:,}。",
    "error.control": "文本里有控制字符（{names}），请删除后再试。",
    "error.no_blank": "没有找到空白：在缺词的地方写 [MASK]、<mask> 或 ___。",
    "error.blanks_exactly": "请只写 {exactly} 个空白（[MASK] 或 ___）；现在有 {count} 个。",
    "error.blanks_limit": "有 {count} 个空白，上限是 {limit} 个。",
    "error.only_blanks": "文本里只有空白：请在空白周围写一些词作为上下文。",
    "error.causal_blank": "这个模型只预测下一个词，不能填空：请删去 [MASK] / ___。",
    "error.range": "{name} 必须在 {low} 到 {high} 之间；收到的是 {value}。",
    "error.no_guess": "请先写下你的猜测：一个词，或用逗号隔开的几个词。",
    "chart.blank": "第 {n} 个空白",
    "chart.fill.title": "{model}：每个空白处最可能的词",
    "chart.next.title": "{model}：“{quoted}”之后的下一个词元",
    "chart.next.entropy": "熵 {entropy:.2f} 奈特：不确定程度相当于在 {spread:,.0f} 个词元中等概率随机挑一个",

    # --- encdec helper: compare, learn, comparison/curves figures ---
    # “BERT 对比 GPT”标签页（demo/ui/compare_tab.py）
    "compare.intro": (
        "**同一个句子，一个空白，三个模型。** BERT 读空白 *两侧* 的词。GPT 从左往右读，所以对这个空白它只能用到"
        "空白 *之前* 的词。编码器-解码器模型（T5、BART）像 BERT 一样读完整个句子，再像 GPT 一样从左往右把答案"
        " *写* 出来，所以它的答案可以是好几个词。空白写成 `___` 或 `[MASK]`。"
    ),
    "compare.text": "含一个空白的句子",
    "compare.examples": "示例（句子，以及空白后面换用的词）",
    "compare.masked_model": "掩码模型（BERT 类）",
    "compare.causal_model": "因果模型（GPT 类）",
    "compare.seq2seq_model": "编码器-解码器模型（T5/BART 类）",
    "compare.top_k": "每个模型的候选数（top-k）",
    "compare.run": "对比",
    "compare.see_head": "### 预测空白时，每个模型能看到什么",
    "compare.strip_label": "每个模型看到的内容",
    "compare.masked_plot": "BERT：根据两侧填空",
    "compare.causal_plot": "GPT：根据左侧预测下一个词",
    "compare.seq2seq_plot": "编码器-解码器：读两侧，写出答案",
    "compare.seq2seq_note_label": "编码器-解码器的答案",
    "compare.seq2seq.explain": (
        "**编码器-解码器（T5、BART）。** 它的编码器像 BERT 一样读完整个句子，空白两侧都能看到；然后解码器像 GPT "
        "一样，一个词元接一个词元地写出空白处该填的内容。因为答案是“写”出来的，所以不限于一个词元：它可以填一个"
        "需要好几个词的空白（试试 *I ___ to the store yesterday.*）。每根条表示整个写出的答案的概率。"
    ),
    "compare.ranking": (
        "### GPT 给 BERT 的候选词打分\n"
        "GPT 预测时不能往后看，但它可以读一个 *完整的* 句子。把 BERT 的每个候选词依次填进空白，GPT 把整句每个词元的"
        "对数概率加起来，得到 **对数似然**。越接近 0，说明 GPT 觉得这个句子越自然。"
    ),
    "compare.ranking_note_label": "GPT 的选择",
    "compare.ranking_label": "BERT 的候选词（按 GPT 的打分排序）",
    "compare.causality": (
        "### 换掉空白后面的词\n"
        "空白之前的内容保持不变，把后面的词换掉，再运行一次 BERT 和 GPT。BERT 的答案应该会变；GPT 的下一个词候选"
        "不会变，因为新换的词在它预测位置的右边。"
    ),
    "compare.new_right": "空白后面的新词",
    "compare.rerun": "用这些词再运行一次",
    "compare.verdict_label": "结论",
    "compare.masked_shift": "BERT：换词前后",
    "compare.causal_shift": "GPT：换词前后",
    "compare.facts_head": "### 它们的结构，以及当前加载的模型",
    "compare.facts_label": "设计，以及在本服务器上的实测",
    # “BERT 对比 GPT”的视图（demo/viz/comparison.py）
    "compare.col.gpt_rank": "GPT 排名",
    "compare.col.bert_rank": "BERT 排名",
    "compare.col.candidate": "BERT 的候选词",
    "compare.col.bert_prob": "BERT 概率",
    "compare.col.gpt_ll": "GPT 对数似然（奈特）",
    "compare.col.sentence": "补全后的句子",
    "compare.col.rank": "排名",
    "compare.col.before": "换词前",
    "compare.col.p_before": "换词前概率",
    "compare.col.after": "换词后",
    "compare.col.p_after": "换词后概率",
    "compare.col.masked": "BERT 类（掩码）",
    "compare.col.causal": "GPT 类（因果）",
    "compare.col.seq2seq": "T5 类（编码器-解码器）",
    "compare.design.architecture": "结构",
    "compare.design.architecture.masked": "Transformer 编码器，双向",
    "compare.design.architecture.causal": "Transformer 解码器，从左到右",
    "compare.design.architecture.seq2seq": "编码器（双向）+ 解码器（从左到右）",
    "compare.design.attends": "每个词元关注",
    "compare.design.attends.masked": "所有词元，两侧都看",
    "compare.design.attends.causal": "它自己和它前面的词元",
    "compare.design.attends.seq2seq": "编码器：输入的所有词元；解码器：它已写出的词元，以及输入的所有词元",
    "compare.design.task": "预训练任务",
    "compare.design.task.masked": "掩码语言模型（+ 下一句预测）",
    "compare.design.task.causal": "下一个词预测",
    "compare.design.task.seq2seq": "T5：片段破坏（写出被遮住的片段）；BART：去噪（重写整段文本）",
    "compare.design.uses": "典型用途",
    "compare.design.uses.masked": "分类、命名实体识别、抽取式问答",
    "compare.design.uses.causal": "生成、续写、对话",
    "compare.design.uses.seq2seq": "翻译、摘要及其他“文本到文本”任务",
    "compare.fact.model": "模型",
    "compare.fact.parameters": "参数量",
    "compare.fact.layers": "层数",
    "compare.fact.heads": "注意力头数",
    "compare.fact.hidden": "隐藏层维度",
    "compare.fact.vocab": "词表大小",
    "compare.fact.positions": "最大位置数",
    "compare.fact.tokenizer": "分词器",
    "compare.fact.device": "设备、数据类型",
    "compare.fact.request": "本次请求耗时",
    "compare.note": "GPT 认为填入 <b>{word}</b> 的句子最自然，{verdict}",
    "compare.note.same": "这也是 BERT 排第一的词：两个模型意见一致。",
    "compare.note.other": "BERT 把它排在第 {place} 位；BERT 自己的首选是 <b>{best}</b>。",
    "compare.strip.masked": "BERT（{model}）看到",
    "compare.strip.causal": "GPT（{model}）看到",
    "compare.strip.seq2seq": "编码器-解码器（{model}）读到",
    "compare.strip.writes": "→ 写出",
    "compare.strip.blank_masked": "BERT 要填的空白",
    "compare.strip.blank_causal": "GPT 要预测的下一个词",
    "compare.strip.blank_seq2seq": "由解码器逐个词元写出的空白",
    "compare.strip.hidden_title": "GPT 此时还看不到这里",
    "compare.strip.written_title": "解码器读完整个句子之后写出的内容",
    "compare.legend.seen": "看得到",
    "compare.legend.seen_text": "模型读到的内容",
    "compare.legend.blank_text": "模型要预测的空白",
    "compare.legend.hidden": "看不到",
    "compare.legend.hidden_text": "被遮住、看不见的内容",
    "compare.legend.written": "写出",
    "compare.legend.written_text": "解码器从左到右写出的内容",
    "compare.spans.title": "{model}：为空白写出的答案",
    "compare.spans.axis": "整个写出的答案的概率",
    "compare.seq2seq.none": "编码器-解码器模型（{model}）无法在这里运行，所以这一栏是空的；BERT 和 GPT 两栏不受影响。",
    "compare.seq2seq.empty": "{model} 没有为这个空白写出符合格式的答案。",
    "compare.seq2seq.best": "它的最佳答案“{span}”有 {words} 个词：是在读完整个句子之后逐个词元写出来的。",
    "compare.verdict.identical": "{name}：完全相同（候选词相同、顺序相同，最大差值 {diff}）",
    "compare.verdict.moved": "{name}：变了（{top}；最大差值 {diff}）",
    "compare.verdict.top": "首选从 {before} 变成 {after}",
    "compare.verdict.changed": "候选词变了",
    "compare.verdict.reweighted": "候选词相同，概率变了",
    "compare.verdict.blind": "GPT 只根据空白左边的词来预测，所以新换的词影响不到它。",
    "compare.verdict.left_changed": "GPT 的候选词变了：说明空白左边的词也一定变了。",
    "compare.verdict.same_tokens": "BERT 两次读到的词元完全相同，所以它的答案也不会变。",
    # “两者有何不同”标签页（demo/ui/learn_tab.py、demo/viz/families.py）
    "learn.text": "一个词或一句话",
    "learn.masked_model": "掩码模型",
    "learn.causal_model": "因果模型",
    "learn.seq2seq_model": "编码器-解码器模型",
    "learn.split": "切分成词元",
    "learn.try": "试一试",
    "learn.three": (
        "## 同一个句子上的三类模型\n"
        "**自编码** 模型（BERT）的训练目标是还原被破坏的输入：它一次读完整个句子，根据两侧的上下文给每个空白填一个"
        "词元。**自回归** 模型（GPT）的训练目标是预测下一个词元：它从左往右读，所以到了空白处只知道前面的词，"
        "写文本时也是一次写一个词元。**编码器-解码器** 模型（T5、BART）把两者结合起来：编码器像 BERT 一样双向地"
        "读完整个输入，解码器像 GPT 一样自回归地写出输出，每写一步都回头参考编码器的结果。T5 用 *片段破坏* 来学习"
        "（文本中的若干片段被换成占位符，由解码器把它们写出来），BART 用 *去噪* 来学习（把一段被破坏的文本整段重写）。"
        "所以编码器-解码器模型既能看到空白两侧，*又* 能用好几个词来填空。在同一个句子上试试："
    ),
    "learn.three.text": "含一个空白的句子",
    "learn.three.run": "三个模型一起运行",
    "learn.three.examples": "示例",
    "families.masked": "自编码（BERT 类）",
    "families.causal": "自回归（GPT 类）",
    "families.seq2seq": "编码器-解码器（T5/BART 类）",
    "families.masked.how": "同时读空白两侧，用一个词元填空",
    "families.causal.how": "只读空白前面的词，预测下一个词元",
    "families.seq2seq.how": "读完整个句子，再逐个词元写出空白处的答案：可以是好几个词",
    "families.reads": "读到：{text}",
    "families.none": "编码器-解码器模型（{model}）无法在这里运行；另外两个模型不受影响。",
    # 训练曲线（demo/viz/curves.py）
    "curves.not_comparable": (
        "这几条损失曲线不能直接相比：BERT 的损失只在它要还原的那 15% 词元上计算，而且每个词元两侧它都看得到；"
        "GPT 的损失在每个词元上计算，但只能看到左侧；T5 的损失在解码器写出的片段（跟在各自的占位符之后）上计算，"
        "它已经读过句子的其余部分；而且三者的分词器把同一段文字切成不同的词元。请比较每条曲线的走势，以及它的"
        "训练损失与留出集损失之间的差距。"
    ),
    "curves.none": "没有找到训练报告（请运行 python -m demo.pocket train）。",
    "curves.title": "内置模型的训练损失（相同的文本，相同的词元预算）",
    "curves.x": "已见过的词元数",
    "curves.y": "交叉熵（每个预测词元的奈特数）",
    "curves.training": "{name} 训练集",
    "curves.held_out": "{name} 留出集",
    # --- i18n helper: tabs fill/next/attention, lessons, figures, service errors ---
    # 几个标签页共用
    "tabs.masked_model": "掩码模型（BERT 式）",
    "tabs.causal_model": "因果模型（GPT 式）",
    "tabs.examples": "示例",
    # 填空（demo/ui/fill_mask_tab.py、demo/viz/token_html.py）
    "fill.explanation": (
        "**BERT 同时读空白两侧的词**，并为每个空白给它认识的每一个词打分。\n"
        "空白可以写成 `[MASK]`、`<mask>` 或 `___`；一个句子里可以有好几个空白。"
    ),
    "fill.text": "带空白的文本",
    "fill.placeholder": "输入一个句子，在缺词的地方写 [MASK] 或 ___。",
    "fill.top_k": "每个空白的候选词数（top-k）",
    "fill.run": "填空",
    "fill.sentence": "填入首选词后的句子",
    "fill.bars": "每个候选词的概率",
    "fill.hint": "第 {n} 个空白：{prob}",
    "fill.hint_then": "第 {n} 个空白：{prob}（其次是 {others}）",
    # 下一个词（demo/ui/generate_tab.py）
    "next.explanation": (
        "**GPT 从左往右读，只根据前面的词预测下一个词元。**\n"
        "写一段文字，就是把这一步不断重复：选一个词元，接在后面，再预测下一个。你可以点图表下方的选项亲手试一试，"
        "也可以在下面让模型自动续写。"
    ),
    "next.sampling": (
        "**贪心**解码每次都取最可能的词元（每次生成的文字都一样）。否则，下一个词元是随机抽取的："
        "**温度**低于 1 会让概率分布更集中，高于 1 会让它更平坦；**top-k** 只保留最可能的 k 个词元（0 = 全部保留）；"
        "**top-p** 只保留累计概率达到该值所需的最少词元。\n"
        "设定**随机种子**可以让抽样结果重现。每个新词元的底色越深，表示模型认为它越可能出现（鼠标悬停可看到具体数值）。"
    ),
    "next.prompt": "提示词",
    "next.placeholder": "输入一个句子的开头，或在下面选一个示例。",
    "next.top_k": "显示的候选词元数（top-k）",
    "next.predict": "预测下一个词元",
    "next.bars": "下一个词元的概率",
    "next.step": "逐步生成：点击一个词元，把它接在提示词后面，再预测下一个",
    "next.continuation": "生成续写",
    "next.greedy": "贪心（总是取最可能的词元）",
    "next.max_new_tokens": "最多生成的词元数",
    "next.seed": "随机种子（留空 = 随机）",
    "next.seed_placeholder": "随机",
    "next.temperature": "温度",
    "next.sample_top_k": "top-k（0 = 不限制）",
    "next.top_p": "top-p",
    "next.generate": "生成",
    "next.plain": "生成的文本（可复制）",
    # 注意力（demo/ui/attention_tab.py、demo/viz/heatmaps.py）
    "attention.explanation": (
        "**一个注意力头是怎样分配注意力的。** 每个词元都会变成三个向量：查询 *Q*（我在找什么？）、"
        "键 *K*（我能提供什么？）和值 *V*（我要传递什么？）。一个头用每个查询给每个键打分，再除以 √d"
        "（向量的维度，以免 softmax 饱和），然后用得到的权重把各个值加权混合："
        "**Attention(Q, K, V) = softmax(QKᵀ / √d) · V**。热力图的第 *i* 行就是词元 *i* 的这个 softmax，"
        "表示它从每个词元读取了多少信息。**BERT** 两个方向都能看，所以它的图是满的。**GPT** 必须在看不到下一个词的"
        "情况下预测它，所以在 softmax 之前，掩码会去掉对角线以上的所有分数：它的图是一个三角形。"
        "每一层的每一个头都要给每一对词元打分，所以计算量随长度 n 按 **O(n²)** 增长：文本长一倍，工作量变成四倍。"
    ),
    "attention.text": "文本",
    "attention.placeholder": "输入一个句子，或在下面选一个示例。",
    "attention.run": "显示注意力",
    "attention.masked_head": "### 掩码模型：每个词元都能看到整个句子",
    "attention.causal_head": "### 因果模型：每个词元只能看到前面的内容",
    "attention.layer": "层",
    "attention.head": "头",
    "attention.masked_plot": "掩码模型：单个头",
    "attention.causal_plot": "因果模型：单个头",
    "attention.all_heads": "所选层的全部注意力头",
    "attention.masked_grid": "掩码模型：全部头",
    "attention.causal_grid": "因果模型：全部头",
    "attention.bertviz": "交互视图（bertviz）：鼠标移到词元上查看，点击可选择注意力头",
    "attention.kind_causal": "因果：每个词元只能看到自己和前面的词元",
    "attention.kind_masked": "双向：每个词元都能看到所有词元",
    "attention.first_tokens": "（{total} 个词元中的前 {shown} 个）",
    "attention.head_title": "{model}：第 {layer} 层，第 {head} 个头",
    "attention.weight": "权重",
    "attention.key_axis": "关注的词元（键）",
    "attention.query_axis": "词元（查询）",
    "attention.grid_hover": "头 {head}：词元 {query} → {attended}",
    "attention.grid_part": "，{total} 个词元中的前 {shown} 个",
    "attention.grid_title": "{model}：第 {layer} 层的全部 {heads} 个头{part}",
    # 课程（demo/viz/lessons.py，显示在“两者有何不同”标签页）
    "lesson.variants": (
        "## 亲戚与后代\n"
        "| 模型 | 核心思想 |\n"
        "|---|---|\n"
        "| **ELMo**（2018） | 出现在 Transformer 之前：两个 **双向 LSTM**（一个从左到右，一个从右到左）为每个词给出"
        "*上下文相关的词嵌入*，“bank”在“river bank”（河岸）和“bank account”（银行账户）中的表示不同 |\n"
        "| **RoBERTa** | 用更多数据、训练更久的 BERT，采用*动态掩码*，**去掉了**下一句预测（它没有帮助），"
        "使用字节级 BPE |\n"
        "| **ALBERT** | *分解的词嵌入*（词表 → 128 → 隐藏层）以及**所有层共享同一套权重**：base 模型只有 1200 万个参数 |\n"
        "| **DistilBERT** | 一个 6 层的学生模型，训练它模仿 BERT 的输出（**知识蒸馏**）：小 40%，快 60%，"
        "保留约 97% 的得分 |\n"
        "| **GLM** | **自回归空白填充**：挖掉若干片段，再从左到右逐个写出，写的时候双向地看着其余部分；"
        "一个模型同时胜任理解和生成 |"
    ),
    "lesson.attention": (
        "## 注意力，以及长文本为什么代价高\n"
        "每个词元都会变成查询 *Q*、键 *K* 和值 *V*。一个头用每个查询给每个键打分，再用这些分数的 softmax "
        "把各个值加权混合：**Attention(Q, K, V) = softmax(QKᵀ / √d) · V**（除以 √d 是为了不让分数使 softmax 饱和）。"
        "“注意力”标签页实时展示这些权重。\n\n"
        "对 *n* 个词元来说，**每层的每个头都有 n² 个分数**：计算量是 **O(n²)**，文本长一倍，工作量变成四倍。"
        "GPT 的因果掩码只留下 **n(n+1)/2** 个有用的分数（下三角），但仍然是 O(n²)。BERT 最多 512 个位置，"
        "GPT-2 最多 1024 个。一层里的其他工作——各个投影和前馈网络——只随 *n* 增长，但每个词元的计算量大得多："
        "“代价与压缩”标签页会在你面前的模型上实测这两部分，并指出从多长开始注意力的 n² 部分占上风。"
    ),
    "lesson.compression": (
        "## 把模型变小\n"
        "| 技术 | 做法 | 例子 |\n"
        "|---|---|---|\n"
        "| **剪枝** | 去掉贡献很小的权重、注意力头或层 | BERT 的许多头去掉后几乎没有损失 |\n"
        "| **知识蒸馏** | 训练一个小的*学生*模型去匹配大的*教师*模型的输出 | DistilBERT、DistilGPT-2 |\n"
        "| **量化** | 用更少的位数存储和计算：float32 → **fp16**（半精度）→ **int8** | 用 int8 时内存只需四分之一 |\n"
        "| **低秩分解** | 用两个细长矩阵的乘积代替一个大矩阵 | ALBERT 的词嵌入：V×H 变成 V×128 · 128×H |"
    ),
    "lesson.training": (
        "## 内置模型的训练曲线\n"
        "本应用自带三个由本项目训练的小模型 **pocket-bert**、**pocket-gpt** 和 **pocket-t5**：这是一个对照实验。\n"
        "三者大小相同（约 500 万个参数）、训练文本相同（词典释义、简·奥斯汀的小说、英王钦定本圣经、fortune 格言）、"
        "词元数相同、优化器和随机种子也相同；\n"
        "不同的只有区分三类模型的那几样：训练目标（遮住的词、下一个词、被挖掉的片段）、注意力掩码和分词器\n"
        "（模型卡片见 `assets/pocket/README.md`）。"
    ),
    "lesson.pieces_one": "{count} 个词元",
    "lesson.pieces_many": "{count} 个词元",
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
    # --- integrator: the message for an unexpected server error (demo/ui/common.py) ---
    "error.unexpected": "服务器出错了（已记录在日志中）。请再试一次。",
    # --- integrator: start-up and fallback notices (demo/startup.py, demo/service.py) ---
    "notice.pocket_offline": "已设置离线模式，因此使用内置的 pocket 模型；其他模型只有在已经下载过时才能加载。",
    "notice.pocket_unreachable": "无法连接模型中心（Hugging Face Hub），因此使用内置的 pocket 模型；其他模型只有在已经下载过时才能加载。",
    "notice.fallback": "无法加载 {model}，改用内置的 {fallback}。",
    # --- integrator: what each compressed variant is (demo/measure/variants.py, compress.py) ---
    "variant.int8": "对 {count} 个层内矩阵做 int8 动态量化；词嵌入和语言模型输出层仍为浮点数",
    "variant.int8_conv1d": "对 {count} 个层内矩阵做 int8 动态量化（先把 GPT-2 的 Conv1D 转成 Linear）；词嵌入和语言模型输出层仍为浮点数",
    "variant.cast": "所有权重都转换为 {dtype}",
    "variant.prune": "全局 L1 幅值剪枝：{count} 个层内矩阵中 {share} 的权重被置为 0",
    "variant.heads": "去掉了 {total} 个注意力头中的 {gone} 个，按 ‖W_V 切片‖·‖W_O 切片‖ 从小到大去掉（每层至少保留一个头）",
    "variant.low_rank": "{count} 个前馈层矩阵被替换为截断 SVD 得到的秩 {kept} 因子（原秩 {full}）",
    "variant.distilled": "模型目录中的蒸馏版 {model}",
    # --- integrator: progress lines of the Cost tab (demo/measure/cost.py, verbs.py) ---
    "progress.measuring": "正在测量 {model}：批大小 {batch} × {length} 个词元",
    "progress.measured": "{model} 测量完毕",
    "progress.compressing": "正在压缩 {model}：{method}",
}
