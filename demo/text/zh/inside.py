"""简体中文 (Chinese): the Inside tab and what it adds to Attention: logit lens, attribution, Q·K·V steps."""

TEXT: dict[str, str] = {
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
    "inside.steps.hover_dim": "第 %{{x}} 维：%{{y:.4f}}",
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
    # bertviz 视图（demo/viz/bertviz_frame.py）及其下载（demo/viz/export.py）
    "bertviz.head_view": "{model}：头视图",
    "bertviz.model_view": "{model}：模型视图（点击一个格子）",
    "bertviz.layer": "层：",
    "bertviz.frame_title": "{model} 的 bertviz 注意力视图",
    "bertviz.unavailable": "本服务器上无法使用 bertviz 交互视图（没有安装它们需要的 JavaScript 文件）；热力图显示的是同样的权重。",
    "bertviz.page_title": "注意力（bertviz）",
}
