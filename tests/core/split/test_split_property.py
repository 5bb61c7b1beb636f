"""Any text at all splits without an error, and every non-space character ends up in exactly one place."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dubao.core.split import issue_to_json, split_issue
from split_invariants import assert_split_invariants

# pieces that steer the splitter into its rules, mixed with arbitrary text
_PIECES = [
    "本报讯(记者 李雅萍)2月17日,", "新华社北京3月4日电（记者 张三、李四）", "□ 本报记者 王涛", "记者 薛志雄 摄",
    "图为", "——", "（社论）", "图片报道", "导读", "第二版", "名单如下：", "张三 李四 王五 赵六 钱七",
    "新时代 新征程 新伟业", "孙大军主持", "市委召开常委会会议", "。", "，", "”", "\n", "\r\n", "\r", "\n\n",
    "\u3000\u3000", " ", "𠮷", "\x00", "\u2028", "<b>", "'; DROP TABLE issues; --",
    "■ 本报讯", "新华社北京3月4日电　题：", "编者按：", "链接", "（记者 张三）", "王　宁", "本报记者 周平 摄",
    # the raw forms of PDF text: letter-spaced lines, wide gaps, furniture, notices, tables
    "近 年 来 ，清 水 县 公 安 局", "本 报 讯（新 甘 肃·甘 肃 法 治 报 见 习", "魏 世 东", "\n\n\n", "\x0c",
    "8", "2024 年 8 月 9 日 星期五", "新闻热线：0931-1234567", "遗失声明", "今天 小雨 18～24℃",
    "首页 > 时政 > 正文", "新甘肃·甘肃法治报记者 齐洪德", "“谢谢你们", "﹃投 资﹄",
]

page_text = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(max_size=30)), max_size=60
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_text)
def test_arbitrary_text_never_raises_and_conserves_every_character(text):
    issue = split_issue(text)
    assert_split_invariants(issue, text)
    issue_to_json(issue)  # the JSON view holds for any split


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_unicode_noise_is_conserved(text):
    assert_split_invariants(split_issue(text), text)
