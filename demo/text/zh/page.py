"""简体中文 (Chinese): the page, its tabs, loading notices and start-up notices."""

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
    "page.switch": "🌐 另有{link}",
    "page.other_language": "English（英文）",
    # -- 加载与下载模型（hub 分支）----------------------------------------------------------
    "loading.models": "正在加载 {names}（仅首次使用时加载，之后所有人共用）",
    "loading.download": "正在下载 {model}：已下载 {done} MB，共 {total} MB（仅首次使用时下载）",

    # -- start-up and fallback notices (demo/startup.py, demo/service.py) --
    "notice.pocket_offline": "已设置离线模式，因此由内置的 pocket 模型作答：本项目从 all-MiniLM-L6-v2 继续训练的小模型（各约 2300 万参数）。bert-base-uncased 和 gpt2 答得更好：联网时运行一次 `python -m demo.prepare`，即可离线使用它们。",
    "notice.pocket_unreachable": "无法连接模型中心（Hugging Face Hub），因此由内置的 pocket 模型作答：本项目从 all-MiniLM-L6-v2 继续训练的小模型（各约 2300 万参数）。bert-base-uncased 和 gpt2 答得更好：联网时运行一次 `python -m demo.prepare`，即可离线使用它们。",
    "notice.fallback": "无法加载 {model}，改用内置的 {fallback}。",
}
