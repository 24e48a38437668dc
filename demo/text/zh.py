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
    "guess.rank": "第 {rank} 名，共 {total:,} 个",
    "guess.top": "第 {rank} 名，共 {total:,} 个：正是模型的首选！",
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
}
