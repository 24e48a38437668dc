"""简体中文 (Chinese): the Fill the blank, Next word and Attention tabs."""

TEXT: dict[str, str] = {
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
}
