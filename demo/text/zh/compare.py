"""简体中文 (Chinese): the BERT vs GPT tab and its views."""

TEXT: dict[str, str] = {
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
        "需要好几个词的空白（试试 *I ___ to the store yesterday.*）。每根条表示整个写出的答案的概率。\n\n"
        "离线时，内置的 **pocket-t5** 像 GLM 那样只用*一个*堆栈做到这一点：带空白的句子双向阅读，空白处的词写在句子后面、"
        "从左到右；把两部分分开的是注意力掩码，而不是第二个堆栈。"
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
}
