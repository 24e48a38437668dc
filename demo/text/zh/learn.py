"""简体中文 (Chinese): the How they differ tab: the three families, training curves, lessons."""

TEXT: dict[str, str] = {
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
        "本应用自带三个由本项目制作的小模型 **pocket-bert**、**pocket-gpt** 和 **pocket-t5**：这是一个对照实验。\n"
        "三者从同一份预训练权重出发（all-MiniLM-L6-v2，一个 6 层、BERT 结构的编码器），"
        "在相同的文本（词典释义、简·奥斯汀的小说、fortune 格言、Harvard 句子）上、以相同的步数、优化器和随机种子继续训练；\n"
        "不同的只有区分三类模型的那几样：训练目标（遮住的词加下一句预测、下一个词、被挖掉的片段）、注意力掩码和输出头"
        "（pocket-t5 用一个堆栈实现编码器-解码器的思路，即 GLM：句子双向阅读，空白处的词写在后面、从左到右）。"
        "三者有意共用同一个 WordPiece 分词器，所以上面的分词课用参照分词器展示 BPE 和 SentencePiece\n"
        "（模型卡片见 `assets/pocket/README.md`）。"
    ),
    "lesson.pieces_one": "{count} 个词元",
    "lesson.pieces_many": "{count} 个词元",
    "lesson.reference_tokenizer": "本项目训练的这一类分词器的参照版本：背后没有模型",
}
