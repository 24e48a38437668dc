"""简体中文 (Chinese): classroom tools: guess first, links, presenter mode, export, stop."""

TEXT: dict[str, str] = {
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
    "next.stopped": "■ 已停止：上面的文字是模型停止前写出的部分。",
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
        "**GPT 的字节级 BPE** 在字节上做切分，用 **Ġ** 标出*以空格开头*的词元（本页的词元块和图表里画成 **␣**），所以它不会遇到不认识的字符"
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
}
