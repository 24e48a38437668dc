"""简体中文：微调标签页（探针、微调、下一句）、采样示意图、相关错误与课程。"""

TEXT: dict[str, str] = {
    # -- 微调标签页 (demo/ui/finetune_tab.py) --------------------------------------------------
    "tab.tune": "微调",
    "tune.intro": (
        "## 先预训练，再微调\n"
        "BERT 和 GPT 先在大量原始文本上预训练一次，然后再用于具体任务。有两种用法：让模型**冻结**不动，在它的隐藏状态上"
        "训练一个小分类器（*基于特征*，ELMo 的用法）；或者在顶部加一个小输出层，**微调**整个模型（BERT 和 GPT 的用法）。"
        "这里两种都可以在已加载的模型上现场演示，用的是本应用编写的日常句子：每对句子开头相同、结尾一好一坏，"
        "所以只有读到句末的词元才能分辨。"
    ),
    "tune.task": "句子集",
    "tune.own": "你自己的句子",
    "tune.own_label": "每行一句：标签、一个制表符（Tab）、句子（每个标签至少 4 句；会替换上面的句子集）",
    "tune.own_placeholder": "positive\t今天早上真美好。\nnegative\t今天早上真糟糕。",
    "tune.probe": "探测两个模型",
    "tune.probe_lesson": (
        "### 1 · 每个词元知道什么？（冻结探针）\n"
        "逻辑回归从每个句子的一个向量学习标签：**第一个**词元的向量、**最后一个**词元的向量，或所有词元的**平均**，"
        "并在它从未见过的句子上评分。BERT 的每个词元都关注整句，所以连第一个词元（[CLS]）也知道句子怎么结尾。"
        "GPT 的第 *t* 个词元只能看到第 0..*t* 个词元：第一个词元只读了一个词，探针只能靠猜，只有最后一个词元读完了整句。"
    ),
    "tune.tune_lesson": (
        "### 2 · 微调整个模型\n"
        "模型的一份副本加上一个新的输出层（一层），在同样的句子上训练几秒钟；BERT 的输出层读 [CLS]，GPT 的读最后一个词元。"
        "柱状图比较留出句子上的准确率：微调前（未训练的输出层）、冻结特征的探针、微调后。服务器上一次只运行一个微调"
        "（其他人排队等候）；你的副本只属于你，最后一次使用 10 分钟后就会被删除。"
    ),
    "tune.model": "要微调的模型",
    "tune.seconds": "训练秒数",
    "tune.run": "微调",
    "tune.stop": "停止",
    "tune.try_text": "给你微调后的副本一个新句子",
    "tune.try_placeholder": "楼下新开的咖啡馆太棒了。",
    "tune.classify": "分类",
    "tune.label": "你微调后的副本认为",
    "tune.nsp_lesson": (
        "### 3 · B 接在 A 后面吗？（BERT 的第二个预训练任务）\n"
        "BERT 还用下一句预测（NSP）预训练：B 是 A 的下一句，还是随便一句？ALBERT 把它换成了句子顺序预测（SOP）："
        "A 和 B 是原来的顺序还是被调换了？GPT 没有这样的输出层，所以换一种问法：B 在 A 之后比单独出现时可能多少（奈特）。"
        "NSP 需要带这个输出层的检查点（bert-base-uncased 有）；保存时没有这个输出层的掩码模型会被拒绝。"
    ),
    "tune.nsp_model": "模型",
    "tune.first": "句子 A",
    "tune.second": "句子 B",
    "tune.swap": "交换 A 和 B",
    "tune.judge": "B 接在 A 后面吗？",
    # -- 视图 (demo/viz/adapt.py) -----------------------------------------------------------------
    "adapt.class.positive": "正面",
    "adapt.class.negative": "负面",
    "adapt.pool.first": "第一个词元",
    "adapt.pool.last": "最后一个词元",
    "adapt.pool.mean": "词元平均",
    "adapt.chance": "随机猜测 {value}",
    "adapt.probe_title": "{model}：冻结探针在留出句子上的准确率",
    "adapt.layers_title": "按层（0 = 嵌入层）",
    "adapt.layer": "层",
    "adapt.points_title": "句子的二维图（最后一层的 PCA），按标签着色",
    "adapt.probe_summary": (
        "**{model}**：第一个词元 “{first}” {first_acc}，最后一个词元 “{last}” {last_acc}，平均 {mean_acc}"
        "（随机猜测 {chance}；{count} 句中留出 {held} 句）。"
    ),
    "adapt.loss_title": "{model}：训练损失",
    "adapt.step": "步",
    "adapt.loss": "交叉熵（奈特）",
    "adapt.before": "微调前（未训练的输出层）",
    "adapt.frozen": "冻结特征 + 探针",
    "adapt.after": "微调后",
    "adapt.tune_title": "留出句子上的准确率",
    "adapt.tune_summary": (
        "**{model}** 微调了 {seconds} 秒：{steps} 步，每步 {batch} 句（{train} 句用于学习，{test} 句留出），"
        "输出层读{pool}。留出准确率 {before} → **{after}**；同一词元上的冻结探针：{probe}。"
    ),
    "adapt.tune_stopped": (
        "**{model}**：{seconds} 秒后停止（{steps} 步，每步 {batch} 句）。留出准确率 {before} → **{after}**；"
        "{pool}上的冻结探针：{probe}。"
    ),
    "adapt.waited": "（它等了 {seconds} 秒，等另一个页面的微调结束。）",
    "adapt.nsp": "**{model}**（下一句预测输出层）：B 接在 A 后面的概率为 **{prob}**。\n\nA：{first}\n\nB：{second}",
    "adapt.sop": "**{model}**（句子顺序输出层）：先 A 后 B 是正确顺序的概率为 **{prob}**。\n\nA：{first}\n\nB：{second}",
    "adapt.causal_helps": (
        "**{model}**：B 在 A 之后比单独出现的对数概率高 **{diff} 奈特**（×{ratio}）：log p(B | A) = {with_first}，"
        "log p(B) = {alone}。A 为 B 做了铺垫。\n\nA：{first}\n\nB：{second}"
    ),
    "adapt.causal_not": (
        "**{model}**：B 在 A 之后与单独出现相比相差 **{diff} 奈特**（×{ratio}）：log p(B | A) = {with_first}，"
        "log p(B) = {alone}。A 没有让 B 更可能。\n\nA：{first}\n\nB：{second}"
    ),
    "adapt.sampling_title": "{model}：抽取词元之前，每个旋钮做了什么",
    "adapt.step.model": "模型自己的分布",
    "adapt.step.temperature": "温度 {setting} 之后（全部 {kept} 个词元仍可能被选中）",
    "adapt.step.top_k": "top-k {setting} 之后：剩 {kept} 个词元，占模型概率的 {mass}，重新归一化",
    "adapt.step.top_p": "top-p {setting} 之后：剩 {kept} 个词元，占模型概率的 {mass}，重新归一化",
    # -- 下一个词标签页的采样示意图、填空标签页的点击遮盖 ------------------------------------------
    "next.warpers": "看看旋钮做了什么",
    "next.warpers_note": "抽取词元之前，transformers 依次对分布应用温度、top-k、top-p，并重新归一化。示意图随滑块变化。",
    "fill.click_words": "或者点击句子中的一个词把它遮住：",
    # -- 模型差异：用途课程 ---------------------------------------------------------------------
    "lesson.use_cases": (
        "## 哪一类模型适合哪种任务\n"
        "| 任务 | 通常用 | 原因 |\n|---|---|---|\n"
        "| 分类（情感、主题、垃圾邮件） | BERT 类 | 每个词元（包括 [CLS]）都双向读过全文 |\n"
        "| 在一段文字中找答案（抽取式问答） | BERT 类 | 在同时看到问题和文章的词元中挑出起点和终点 |\n"
        "| 写作、对话、代码补全 | GPT 类 | 训练目标就是写下一个词元；每个新词元会被读回去 |\n"
        "| 翻译、摘要 | 编码器-解码器（T5、BART）或大型 GPT | 一侧读完整个原文，另一侧负责写 |\n\n"
        "点击**测量**，在已加载的模型上看：冻结的第一个词元和最后一个词元上的探针（见“微调”标签页）。"
    ),
    "lesson.use_cases_measure": "测量",
    # -- 错误与进度 (demo/adapt) ---------------------------------------------------------------------
    "error.labelled_line": "第 {line} 行不是“标签<Tab>句子”：先写标签，再写一个制表符，然后写句子。",
    "error.labelled_lists": "texts 和 labels 必须是两个等长的列表（或者 texts 是“标签<Tab>句子”的多行文本）。",
    "error.labelled_many": "最多 {limit} 个带标签的句子；收到 {count} 个。",
    "error.labelled_classes": "请给出 2 到 {most} 个标签，每个标签至少 {least} 句；现在是：{found}。",
    "error.family_adapt": "“{model}”的类型是 {family}；探针、微调和下一句预测需要掩码模型或因果模型。",
    "error.tune_too_big": (
        "“{model}”有 {count} M 个参数：太大，无法在本服务器（{device}）上于 {seconds} 秒内微调；上限是 {limit} M 个参数。"
        "请选择更小的模型，例如自带的 pocket 模型或 distilbert-base-uncased。"
    ),
    "error.not_tuned": "本页面没有“{model}”的微调副本：请先点击“微调”（副本在最后一次使用 {minutes} 分钟后删除）。",
    "error.tune_stopped_waiting": "在等待另一个页面的微调结束时已停止。",
    "error.no_pair_head": "“{model}”的检查点里没有下一句预测（NSP）或句子顺序预测（SOP）输出层；请选择 bert-base-uncased、albert-base-v2 或因果模型。",
    "error.no_start_token": "“{model}”没有起始词元，无法单独读第二句；请选择其他模型。",
    "progress.tune_queued": "另一个页面正在微调：它结束后就轮到你……",
    "progress.tuning": "正在微调 {model}，{seconds} 秒……",
}
