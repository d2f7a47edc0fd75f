"""A deterministic synthetic content tree of any size, for the benchmark.

``write_corpus(root, events, seed)`` writes ``tags.yml``, five topics, a few hundred actors and
as many articles as it takes to define exactly ``events`` events (one to three per article, some
articles also citing earlier events with ``ref:``). Field lengths follow the real content:
titles of 60–100 characters, summaries of 300–500; about one event in ten is written in Chinese,
Korean or Japanese, and more mix CJK names into English text. Dates spread over fifteen years,
mostly days, some months, approximate or uncertain dates, intervals and timestamps.

The same ``seed`` gives byte-identical files: everything comes from one ``random.Random(seed)``
and nothing iterates over a set or reads the clock. The corpus passes ``annals check`` with no
diagnostic at all: titles of events a few days apart are regenerated until they share too few
words to look like duplicates (W001).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from random import Random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

FIRST_DAY = date(2011, 1, 1)
LAST_DAY = date(2025, 12, 31)
ACTORS = 300
ID_CHARS = 72
# A conservative copy of the near-duplicate rule (generator/duplicates.py: 3 days, 0.5):
# a wider window and a lower threshold, so that the corpus stays clear of W001 if it is tuned.
DUPLICATE_WINDOW_DAYS = 5
DUPLICATE_THRESHOLD = 0.34
DUPLICATE_ATTEMPTS = 80
_STOP_WORDS = frozenset({"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
                         "into", "is", "its", "it", "of", "on", "over", "s", "the", "to",
                         "with"})

# --- what the corpus is made of --------------------------------------------------------------


@dataclass
class SynTopic:
    """A timeline."""

    id: str
    title: str
    summary: str
    region: str
    related: list[str]


@dataclass
class SynActor:
    """A person, state, organisation or system; ``cjk`` names it per language (zh, ko, ja)."""

    id: str
    name: str
    kind: str
    description: str
    aliases: list[str] = field(default_factory=list)
    cjk: dict[str, str] = field(default_factory=dict)


@dataclass
class SynEvent:
    """One event as written in its article; ``day`` is the day it starts, for ordering."""

    id: str
    date_text: str
    day: date
    precision: int  # 0 year, 1 month, 2 day, 3 minute
    title: str
    summary: str
    topics: list[str]
    actors: list[str]
    places: list[str]
    tags: list[str]
    quotes: list[tuple[str, str]]
    article: str = ""


@dataclass
class SynArticle:
    """One article file: its path below the content folder, its fields, events and refs."""

    id: str
    path: str
    title: str
    publisher: str
    url: str
    published: date
    added: date
    summary: str
    language: str
    authors: list[str]
    dateline: str
    archive_url: str
    events: list[SynEvent]
    refs: list[str]


@dataclass
class SyntheticCorpus:
    """Everything ``write_corpus`` wrote, as data: the floor site is written from it."""

    tags: dict[str, str]
    topics: list[SynTopic]
    actors: list[SynActor]
    articles: list[SynArticle]

    @property
    def events(self) -> list[SynEvent]:
        """Every defined event, in the order the articles define them."""
        return [event for article in self.articles for event in article.events]

    @property
    def refs(self) -> int:
        """How many ``ref:`` citations the articles make."""
        return sum(len(article.refs) for article in self.articles)


# --- vocabulary ---------------------------------------------------------------------------------

TAGS = {
    "alliance": "Cooperation and decisions between allies.",
    "arbitration": "Courts, tribunals and arbitration between states.",
    "coast-guard": "Coast guard and maritime law-enforcement operations.",
    "deployment": "Moving, installing or operating weapon systems and bases.",
    "diplomacy": "Statements, talks, visits and protests between governments.",
    "domestic-politics": "Elections, parliaments, courts and party politics inside one country.",
    "economic-pressure": "Trade, tourism and business measures used to apply pressure.",
    "energy": "Oil, gas, hydropower and the infrastructure that carries them.",
    "environment": "Environmental assessments and their politics.",
    "fisheries": "Fishing rights, quotas and the detention of fishing crews.",
    "local-opposition": "Protests and legal action by residents and activists near a site.",
    "military": "Exercises, forces and military planning.",
    "missile-test": "Ballistic and cruise missile launches and tests.",
    "shipping": "Commercial shipping routes, ports and navigation rules.",
    "water": "Rivers, dams and the sharing of water.",
}


@dataclass(frozen=True)
class _TopicSpec:
    """A topic and the vocabulary its events are written from."""

    id: str
    title: str
    summary: str
    region: str
    related: list[str]
    weight: int
    issues: list[str]
    incidents: list[str]
    places: list[str]
    tags: list[str]
    cjk: dict[str, list[str]]  # issue names per language, in the order of ``issues``


_TOPICS = [
    _TopicSpec(
        id="korea-missile-defence",
        title="Missile defence on the Korean peninsula",
        summary="The argument, since 2014, over the US missile-defence battery in South Korea "
                "(사드, 萨德): the decision to deploy it, the site at Seongju, China's "
                "economic retaliation and the years of protests, courts and talks that "
                "followed.",
        region="East Asia",
        related=["east-china-sea-islands"],
        weight=30,
        issues=["the THAAD battery", "missile defence", "the radar at Seongju",
                "the interceptor deployment", "the environmental assessment",
                "the base access road", "joint air-defence drills", "the early-warning radar",
                "a second battery", "the tourism boycott", "the Lotte land swap",
                "the golf course site"],
        incidents=["a ballistic missile launch", "a nuclear test", "a rocket launch",
                   "clashes at the base gate", "a fuel convoy blockade",
                   "the night-time delivery of launchers", "a hypersonic missile test",
                   "an artillery exchange"],
        places=["Seoul", "Seongju", "Busan", "Gimcheon", "Osan", "Pyongyang", "Beijing",
                "Washington", "Daegu", "Pyeongtaek"],
        tags=["deployment", "diplomacy", "military", "missile-test", "local-opposition",
              "economic-pressure", "alliance", "domestic-politics", "environment"],
        cjk={"zh": ["萨德部署", "反导系统", "星州基地", "雷达部署", "环境影响评估", "限韩令"],
             "ko": ["사드 배치", "미사일 방어", "성주 기지", "레이더 배치", "환경영향평가",
                    "한한령"],
             "ja": ["THAAD配備", "ミサイル防衛", "星州基地", "レーダー配備", "環境影響評価",
                    "韓国旅行制限"]},
    ),
    _TopicSpec(
        id="south-china-sea",
        title="South China Sea disputes",
        summary="Overlapping claims to the reefs, shoals and waters of the South China Sea "
                "(南海, Biển Đông): reclamation, patrols, fishing, oil exploration and the "
                "2016 arbitration ruling.",
        region="Southeast Asia",
        related=["east-china-sea-islands"],
        weight=25,
        issues=["the Spratly reefs", "Scarborough Shoal", "fishing rights",
                "land reclamation", "freedom-of-navigation patrols", "the arbitration ruling",
                "the code of conduct", "oil exploration blocks",
                "the Second Thomas Shoal resupply", "maritime militia activity",
                "the Paracel airstrip", "the nine-dash line"],
        incidents=["a water-cannon attack on a supply boat", "a collision at sea",
                   "the detention of fishermen", "a laser pointed at a patrol ship",
                   "the ramming of a fishing boat", "a close intercept of a patrol aircraft",
                   "the blocking of a survey ship", "a flotilla of militia vessels"],
        places=["Manila", "Hanoi", "Beijing", "Sanya", "Palawan", "Kuala Lumpur",
                "Jakarta", "Singapore", "Hainan", "Da Nang"],
        tags=["coast-guard", "diplomacy", "fisheries", "arbitration", "military", "energy",
              "shipping"],
        cjk={"zh": ["南沙群岛", "黄岩岛", "南海仲裁案", "南海行为准则", "渔业权", "仁爱礁补给"],
             "ko": ["남중국해 분쟁", "스카버러 암초", "남해 중재 판결", "행동 규범", "어업권",
                    "인공섬 건설"],
             "ja": ["南シナ海問題", "スカボロー礁", "仲裁判断", "行動規範", "漁業権",
                    "人工島造成"]},
    ),
    _TopicSpec(
        id="east-china-sea-islands",
        title="East China Sea islands (尖閣諸島 / 钓鱼岛)",
        summary="The dispute over the uninhabited islands Japan calls the Senkaku and China "
                "the Diaoyu (钓鱼岛), and over the air and sea around them: patrols, "
                "identification zones, gas fields and fishing.",
        region="East Asia",
        related=["south-china-sea", "korea-missile-defence"],
        weight=20,
        issues=["the Senkaku Islands", "the air defence identification zone",
                "gas field development", "coast guard patrols", "the fisheries agreement",
                "territorial-waters incursions", "the Okinawa bases", "the median line",
                "research survey ships", "airspace violations", "the islands' purchase",
                "the lighthouse on Uotsuri"],
        incidents=["a scramble of fighter jets", "a coast guard standoff",
                   "the arrest of a trawler captain", "a radar lock-on",
                   "a drone flight near the islands", "an intrusion by a submarine",
                   "the landing of activists", "a near-miss between aircraft"],
        places=["Tokyo", "Naha", "Ishigaki", "Beijing", "Taipei", "Okinawa", "Shanghai",
                "Fukuoka", "Miyako", "Ningbo"],
        tags=["coast-guard", "diplomacy", "military", "energy", "fisheries",
              "domestic-politics", "alliance"],
        cjk={"zh": ["钓鱼岛", "东海防空识别区", "东海油气田", "海警巡航", "中日渔业协定",
                    "东海中间线"],
             "ko": ["센카쿠 열도", "방공식별구역", "동중국해 가스전", "해경 순찰", "어업 협정",
                    "중간선"],
             "ja": ["尖閣諸島", "防空識別圏", "東シナ海ガス田", "海警局の巡航", "日中漁業協定",
                    "日中中間線"]},
    ),
    _TopicSpec(
        id="arctic-shipping",
        title="Arctic shipping routes",
        summary="Who may sail, fish and drill where the Arctic ice retreats: the Northern Sea "
                "Route, the Northwest Passage, Svalbard and the claims to the seabed.",
        region="Arctic",
        related=[],
        weight=13,
        issues=["the Northern Sea Route", "icebreaker escorts", "polar fishing quotas",
                "the Svalbard treaty", "Arctic Council talks", "seabed mining claims",
                "the continental shelf submission", "oil spill response",
                "search-and-rescue coverage", "the Bering Strait traffic scheme",
                "the Northwest Passage", "heavy fuel oil rules"],
        incidents=["a tanker stuck in the ice", "a cable cut near Svalbard",
                   "a bomber flight near the coast", "a fuel spill in the Kara Sea",
                   "the boarding of a research vessel", "a GPS jamming episode",
                   "a collision with an ice floe", "a naval exercise in the Barents Sea"],
        places=["Murmansk", "Tromsø", "Longyearbyen", "Nuuk", "Reykjavik", "Ottawa",
                "Anchorage", "Arkhangelsk", "Kirkenes", "Iqaluit"],
        tags=["shipping", "diplomacy", "environment", "energy", "military", "fisheries"],
        cjk={"zh": ["北极航道", "北方海航道", "破冰船护航", "北极理事会", "斯瓦尔巴条约",
                    "北极渔业"],
             "ko": ["북극 항로", "북방항로", "쇄빙선 호위", "북극이사회", "스발바르 조약",
                    "북극 어업"],
             "ja": ["北極海航路", "北方航路", "砕氷船護衛", "北極評議会", "スバールバル条約",
                    "北極漁業"]},
    ),
    _TopicSpec(
        id="nile-dam",
        title="The Nile and the Renaissance Dam",
        summary="Ethiopia's Grand Ethiopian Renaissance Dam on the Blue Nile and the dispute "
                "with Egypt and Sudan over its filling, its operation and the sharing of the "
                "river's water.",
        region="Northeast Africa",
        related=[],
        weight=12,
        issues=["the Renaissance Dam", "the filling schedule", "Nile water quotas",
                "the drought-year rules", "the trilateral negotiations", "downstream flooding",
                "the turbine commissioning", "the 1959 water agreement",
                "irrigation projects", "the dam safety study", "the Security Council debate",
                "data sharing on river flows"],
        incidents=["a sudden drop in river levels", "floods in Khartoum",
                   "the third filling of the reservoir", "a walkout from talks",
                   "a power outage in Addis Ababa", "an airstrike claim near the dam",
                   "the opening of the spillways", "a cyberattack on the dam operator"],
        places=["Addis Ababa", "Cairo", "Khartoum", "Guba", "Aswan", "Washington",
                "Kinshasa", "Abu Dhabi", "Bahir Dar", "New York"],
        tags=["water", "diplomacy", "energy", "environment", "domestic-politics",
              "economic-pressure"],
        cjk={"zh": ["复兴大坝", "蓄水计划", "尼罗河水份额", "三方谈判", "干旱年规则",
                    "大坝安全"],
             "ko": ["르네상스 댐", "담수 계획", "나일강 수자원", "3자 협상", "가뭄 규칙",
                    "댐 안전성"],
             "ja": ["ルネサンス・ダム", "貯水計画", "ナイル川の水配分", "三者協議",
                    "渇水時の規則", "ダムの安全性"]},
    ),
]

# English name, CJK names (zh, ko, ja), topics where it is a frequent actor (empty: all)
_STATES: list[tuple[str, tuple[str, str, str], tuple[str, ...]]] = [
    ("China", ("中国", "중국", "中国"), ()),
    ("United States", ("美国", "미국", "米国"), ()),
    ("South Korea", ("韩国", "한국", "韓国"), ("korea-missile-defence", "east-china-sea-islands")),
    ("North Korea", ("朝鲜", "북한", "北朝鮮"), ("korea-missile-defence",)),
    ("Japan", ("日本", "일본", "日本"), ("east-china-sea-islands", "korea-missile-defence")),
    ("Russia", ("俄罗斯", "러시아", "ロシア"), ("arctic-shipping", "korea-missile-defence")),
    ("Philippines", ("菲律宾", "필리핀", "フィリピン"), ("south-china-sea",)),
    ("Vietnam", ("越南", "베트남", "ベトナム"), ("south-china-sea",)),
    ("Malaysia", ("马来西亚", "말레이시아", "マレーシア"), ("south-china-sea",)),
    ("Indonesia", ("印度尼西亚", "인도네시아", "インドネシア"), ("south-china-sea",)),
    ("Taiwan", ("台湾", "대만", "台湾"), ("east-china-sea-islands", "south-china-sea")),
    ("Norway", ("挪威", "노르웨이", "ノルウェー"), ("arctic-shipping",)),
    ("Canada", ("加拿大", "캐나다", "カナダ"), ("arctic-shipping",)),
    ("Denmark", ("丹麦", "덴마크", "デンマーク"), ("arctic-shipping",)),
    ("Iceland", ("冰岛", "아이슬란드", "アイスランド"), ("arctic-shipping",)),
    ("Finland", ("芬兰", "핀란드", "フィンランド"), ("arctic-shipping",)),
    ("Egypt", ("埃及", "이집트", "エジプト"), ("nile-dam",)),
    ("Ethiopia", ("埃塞俄比亚", "에티오피아", "エチオピア"), ("nile-dam",)),
    ("Sudan", ("苏丹", "수단", "スーダン"), ("nile-dam",)),
    ("Australia", ("澳大利亚", "호주", "オーストラリア"), ("south-china-sea",)),
    ("India", ("印度", "인도", "インド"), ("south-china-sea", "arctic-shipping")),
    ("United Kingdom", ("英国", "영국", "英国"), ("south-china-sea", "arctic-shipping")),
    ("France", ("法国", "프랑스", "フランス"), ("south-china-sea",)),
    ("Singapore", ("新加坡", "싱가포르", "シンガポール"), ("south-china-sea",)),
]

# English, then Chinese, Korean and Japanese names
_ORGANISATIONS = [
    ("Ministry of Foreign Affairs", "外交部", "외교부", "外務省"),
    ("Ministry of National Defense", "国防部", "국방부", "国防省"),
    ("Coast Guard", "海警局", "해양경찰청", "海上保安庁"),
    ("Ministry of Water Resources", "水利部", "수자원부", "水資源省"),
    ("Maritime Safety Administration", "海事局", "해사안전청", "海事安全局"),
    ("Navy", "海军", "해군", "海軍"),
    ("Ministry of Environment", "环境部", "환경부", "環境省"),
    ("National Security Council", "国家安全委员会", "국가안전보장회의", "国家安全保障会議"),
    ("Parliament", "议会", "국회", "議会"),
    ("Constitutional Court", "宪法法院", "헌법재판소", "憲法裁判所"),
    ("Fisheries Agency", "渔业局", "수산청", "水産庁"),
    ("State Oceanic Administration", "海洋局", "해양청", "海洋局"),
]
_ORG_OWNERS = ["China", "South Korea", "Japan", "Philippines", "Vietnam", "Russia", "Norway",
               "Egypt", "Ethiopia", "United States", "Canada", "Sudan"]
_BODIES = [
    ("United Nations Security Council", "The fifteen-member council of the United Nations."),
    ("ASEAN", "The Association of Southeast Asian Nations."),
    ("Arctic Council", "The forum of the eight Arctic states and the indigenous peoples."),
    ("African Union", "The union of the African states, a mediator in the dam talks."),
    ("Permanent Court of Arbitration", "The tribunal in The Hague that heard the 2016 case."),
    ("International Maritime Organization", "The UN agency for shipping."),
    ("Lotte Group", "A South Korean conglomerate that gave up land for the battery."),
    ("World Bank", "An observer of the dam negotiations."),
    ("Seongju residents' committee", "Residents opposed to the battery near their homes."),
    ("Rosatom", "Russia's state nuclear company, operator of the icebreaker fleet."),
]
_SYSTEMS = [
    ("THAAD", "The Terminal High Altitude Area Defense missile-defence system."),
    ("AN/TPY-2 radar", "The X-band radar of a THAAD battery."),
    ("Patriot PAC-3", "A lower-tier missile-defence system."),
    ("Hwasong-15", "A North Korean intercontinental ballistic missile."),
    ("Haiyang Shiyou 981", "A Chinese deep-water drilling rig."),
    ("Arktika-class icebreaker", "Russia's nuclear-powered icebreakers."),
    ("Grand Ethiopian Renaissance Dam", "The dam on the Blue Nile near the Sudanese border."),
    ("Aegis Ashore", "A land-based missile-defence system Japan planned and cancelled."),
]

# Person names: romanised family and given names with their CJK spelling, per language.
_NAMES: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "zh": ([("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"),
            ("Yang", "杨"), ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"),
            ("Xu", "徐"), ("Sun", "孙"), ("Guo", "郭"), ("Ma", "马"), ("Hu", "胡")],
           [("Wei", "伟"), ("Jianguo", "建国"), ("Xiaoming", "晓明"), ("Lei", "磊"),
            ("Jing", "静"), ("Hong", "宏"), ("Yi", "毅"), ("Jiakun", "家坤"), ("Bin", "斌"),
            ("Wenbin", "文斌"), ("Ning", "宁"), ("Qiang", "强"), ("Yan", "艳"), ("Tao", "涛")]),
    "ko": ([("Kim", "김"), ("Lee", "이"), ("Park", "박"), ("Choi", "최"), ("Jung", "정"),
            ("Kang", "강"), ("Cho", "조"), ("Yoon", "윤"), ("Jang", "장"), ("Lim", "임"),
            ("Han", "한"), ("Oh", "오"), ("Seo", "서"), ("Shin", "신")],
           [("Min-jun", "민준"), ("Seo-yeon", "서연"), ("Ji-hoon", "지훈"), ("Hyun-woo", "현우"),
            ("Su-bin", "수빈"), ("Jae-won", "재원"), ("Eun-ji", "은지"), ("Dong-hyun", "동현"),
            ("Young-ho", "영호"), ("Kyung-soo", "경수"), ("Hye-jin", "혜진"),
            ("Sang-woo", "상우")]),
    "ja": ([("Tanaka", "田中"), ("Suzuki", "鈴木"), ("Takahashi", "高橋"), ("Watanabe", "渡辺"),
            ("Ito", "伊藤"), ("Yamamoto", "山本"), ("Nakamura", "中村"), ("Kobayashi", "小林"),
            ("Kato", "加藤"), ("Yoshida", "吉田"), ("Sasaki", "佐々木"), ("Matsumoto", "松本")],
           [("Hiroshi", "博"), ("Takeshi", "武"), ("Yuki", "由紀"), ("Kenji", "健二"),
            ("Akira", "明"), ("Naoko", "直子"), ("Shinzo", "晋三"), ("Fumio", "文雄"),
            ("Taro", "太郎"), ("Yoko", "洋子"), ("Masahiro", "正弘"), ("Emi", "恵美")]),
    "en": ([("Smith", ""), ("Johnson", ""), ("Haugen", ""), ("Larsen", ""), ("Tremblay", ""),
            ("Nguyen", ""), ("Santos", ""), ("Reyes", ""), ("Mensah", ""), ("Abebe", ""),
            ("Hassan", ""), ("Petrov", ""), ("Ivanova", ""), ("Dubois", ""), ("Walker", ""),
            ("Tesfaye", ""), ("Mahmoud", ""), ("Cruz", ""), ("Tran", ""), ("Olsen", "")],
           [("Sarah", ""), ("James", ""), ("Ingrid", ""), ("Pierre", ""), ("Maria", ""),
            ("Ahmed", ""), ("Alemayehu", ""), ("Olga", ""), ("Minh", ""), ("Jose", ""),
            ("Erik", ""), ("Fatima", ""), ("Daniel", ""), ("Grace", ""), ("Sergei", ""),
            ("Hanna", "")]),
}
_ROLES = ["foreign minister", "defence minister", "spokesperson of the foreign ministry",
          "coast guard commander", "ambassador to the United Nations", "opposition leader",
          "governor of the province", "negotiator in the water talks", "navy chief of staff",
          "national security adviser", "president", "prime minister", "mayor",
          "fisheries minister", "member of parliament", "environment minister"]

# name, slug, domain, language
_PUBLISHERS = [
    ("Yonhap", "yonhap", "en.yna.co.kr", "en", 6), ("Reuters", "reuters", "www.reuters.com",
                                                     "en", 10),
    ("The Korea Herald", "korea-herald", "www.koreaherald.com", "en", 4),
    ("Xinhua", "xinhua", "english.news.cn", "en", 4),
    ("Associated Press", "ap", "apnews.com", "en", 8),
    ("BBC News", "bbc", "www.bbc.com", "en", 5),
    ("Al Jazeera", "al-jazeera", "www.aljazeera.com", "en", 4),
    ("The Japan Times", "japan-times", "www.japantimes.co.jp", "en", 4),
    ("South China Morning Post", "scmp", "www.scmp.com", "en", 5),
    ("The Guardian", "guardian", "www.theguardian.com", "en", 4),
    ("Nikkei Asia", "nikkei-asia", "asia.nikkei.com", "en", 3),
    ("VnExpress International", "vnexpress", "e.vnexpress.net", "en", 2),
    ("Philippine Daily Inquirer", "inquirer", "globalnation.inquirer.net", "en", 3),
    ("Ahram Online", "ahram", "english.ahram.org.eg", "en", 3),
    ("The Barents Observer", "barents-observer", "thebarentsobserver.com", "en", 3),
    ("High North News", "high-north-news", "www.highnorthnews.com", "en", 2),
    ("Addis Standard", "addis-standard", "addisstandard.com", "en", 2),
    ("Deutsche Welle", "dw", "www.dw.com", "en", 3),
    ("新华社", "xinhuanet", "www.news.cn", "zh-Hans", 3),
    ("人民日报", "renmin-ribao", "paper.people.com.cn", "zh-Hans", 2),
    ("연합뉴스", "yonhap-ko", "www.yna.co.kr", "ko", 3),
    ("조선일보", "chosun-ilbo", "www.chosun.com", "ko", 2),
    ("朝日新聞", "asahi-shimbun", "www.asahi.com", "ja", 2),
    ("NHK", "nhk", "www3.nhk.or.jp", "ja", 2),
]

_VERBS = [
    "{S} warns {O} over {I}",
    "{S} and {O} agree to resume talks on {I}",
    "{S} protests {O}'s plan for {I}",
    "{S} announces {N} new measures on {I}",
    "{S} rejects calls to halt {I}",
    "{S} summons {O}'s ambassador after {X}",
    "{S} opens a formal review of {I}",
    "{S} holds an emergency meeting after {X}",
    "A court in {P} rules on {I}",
    "Protesters in {P} rally against {I}",
    "{S} says {I} will go ahead despite objections",
    "{S} suspends cooperation with {O} on {I}",
    "{S} proposes a joint commission with {O} on {I}",
    "{S} reports {X} near {P}",
    "{S} accuses {O} of breaking its word on {I}",
    "{N} ships gather near {P}, {S} says",
    "{S} sets aside {N} million dollars for {I}",
    "{S} criticises {O} ahead of a summit in {P}",
    "{S} and {O} sign a memorandum on {I} in {P}",
    "Lawmakers in {P} debate {I}",
    "{S} lodges a formal complaint over {X}",
    "{S} orders an inquiry into {X}",
    "Talks on {I} end without agreement in {P}",
    "{S} confirms {X} near {P}",
    "{S} lifts restrictions linked to {I}",
    "{S} tightens restrictions linked to {I}",
    "{S} sends an envoy to {P} to discuss {I}",
    "{S} vows a measured response to {X}",
    "{S} publishes new figures on {I}",
    "{O} welcomes {S}'s offer on {I}",
    "A poll in {P} finds a majority opposed to {I}",
    "{S} blames {O} for {X}",
]
_TAILS = [
    " in {P}", " as tensions rise", " after {N} days of talks", " amid the row over {I}",
    " ahead of a visit by {O}", " despite warnings from {O}", ", officials say",
    " following {X}", " for the {K} time this year", " before the deadline",
    " under pressure from {O}", " as {O} watches",
]
_ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]

_SENTENCES = [
    "{S} says {I} remains a matter of national security and will not be negotiated away.",
    "Speaking in {P}, {S}'s spokesperson tells reporters that the decision was taken after "
    "consultations with {O}.",
    "The announcement follows {X} earlier in the week, which officials in {P} described as "
    "deliberate.",
    "Officials say {N} people took part, a figure that could not be independently verified.",
    "{O} calls the move provocative and urges {S} to return to the negotiating table.",
    "Analysts quoted by the paper expect the dispute over {I} to drag on for months.",
    "The statement does not say when the measures take effect or how they would be enforced.",
    "It is the {K} such incident reported this year, according to figures compiled by {O}.",
    "Residents near {P} say they were not consulted and plan to file a complaint in court.",
    "{S} adds that the door to dialogue with {O} remains open, on conditions it did not detail.",
    "Diplomats in {P} describe the talks as frank but say little progress was made on {I}.",
    "Satellite images published the same day appear to show new construction near {P}.",
    "The exchange comes days before a scheduled meeting of ministers in {P}.",
    "Markets in {P} fell slightly on the news before recovering by the close.",
    "A joint statement issued afterwards mentions {I} only in passing.",
]

_CJK_VERBS = {
    "zh": [("表示坚决反对", "opposes"), ("发表声明", "issues-statement"),
           ("提出严正交涉", "lodges-protest"), ("宣布新措施", "announces-measures"),
           ("呼吁保持克制", "urges-restraint"), ("举行紧急会议", "holds-emergency-meeting"),
           ("重申立场", "restates-position"), ("开始审查", "opens-review"),
           ("暂停合作", "suspends-cooperation"), ("召见大使", "summons-ambassador"),
           ("回应质疑", "answers-critics"), ("公布调查结果", "publishes-findings")],
    "ko": [("강력 반발", "protests-strongly"), ("입장 발표", "issues-statement"),
           ("추가 조치 예고", "announces-measures"), ("긴급 회의 소집", "holds-emergency-meeting"),
           ("협의 재개 합의", "agrees-to-resume-talks"), ("대사 초치", "summons-ambassador"),
           ("협력 중단 선언", "suspends-cooperation"), ("재검토 착수", "opens-review"),
           ("자제 촉구", "urges-restraint"), ("조사 결과 공개", "publishes-findings"),
           ("유감 표명", "expresses-regret"), ("대응책 마련", "prepares-response")],
    "ja": [("強く反発", "protests-strongly"), ("声明を発表", "issues-statement"),
           ("新たな措置を発表", "announces-measures"),
           ("緊急会合を開催", "holds-emergency-meeting"),
           ("協議再開で合意", "agrees-to-resume-talks"), ("大使を呼び出し", "summons-ambassador"),
           ("協力を停止", "suspends-cooperation"), ("見直しに着手", "opens-review"),
           ("自制を要求", "urges-restraint"), ("調査結果を公表", "publishes-findings"),
           ("遺憾の意を表明", "expresses-regret"), ("対応策を検討", "prepares-response")],
}
_CJK_TAILS = {
    "zh": ["称将采取{N}项措施", "第{N}轮磋商在{P}举行", "{P}爆发抗议", "专家称影响有限",
           "外界关注后续进展", "双方分歧依旧", "{N}艘船只在{P}附近集结", "{P}民众表示担忧",
           "距上次会谈已过去{N}天", "发言人在{P}回答记者提问"],
    "ko": ["{P}서 {N}차 협의", "{N}개 조치 발표", "{P} 주민 반발", "전문가들 영향 제한적",
           "양측 이견 여전", "선박 {N}척 {P} 인근 집결", "{N}일 만의 회담", "{P}서 기자회견"],
    "ja": ["{P}で第{N}回協議", "{N}項目の措置", "{P}で抗議集会", "専門家は影響限定的と分析",
           "双方の溝埋まらず", "{P}沖に船舶{N}隻", "{N}日ぶりの会談", "{P}で記者会見"],
}
_CJK_SENTENCES = {
    "zh": ["{S}在{P}表示，{I}问题关系到国家安全，不会做出让步。",
           "发言人称，有关决定是在与{O}充分沟通后作出的。",
           "据报道，共有{N}人参加了当天的活动，具体数字尚未得到证实。",
           "{O}对此表示关切，并呼吁各方通过对话解决分歧。",
           "分析人士认为，围绕{I}的争议短期内难以平息。",
           "声明没有说明相关措施何时生效，也没有说明将如何执行。",
           "{P}当地居民表示，他们事先没有得到任何通知。",
           "双方同意在{N}个月内再次举行会谈。"],
    "ko": ["{S}은 {P}에서 {I} 문제는 국가 안보와 직결된 사안이라고 밝혔다.",
           "대변인은 이번 결정이 {O}과의 협의를 거쳐 내려졌다고 설명했다.",
           "이날 행사에는 약 {N}명이 참석한 것으로 알려졌다.",
           "{O}은 우려를 표명하며 대화를 통한 해결을 촉구했다.",
           "전문가들은 {I}를 둘러싼 갈등이 당분간 이어질 것으로 내다봤다.",
           "성명은 조치의 시행 시기나 방법을 구체적으로 밝히지 않았다.",
           "{P} 주민들은 사전에 아무런 설명을 듣지 못했다고 주장했다.",
           "양측은 {N}개월 안에 다시 만나기로 했다."],
    "ja": ["{S}は{P}で、{I}は国の安全保障に関わる問題で譲歩しないと述べた。",
           "報道官は、今回の決定は{O}と協議した上で下したと説明した。",
           "当日は約{N}人が参加したとされるが、確認はされていない。",
           "{O}は懸念を示し、対話による解決を呼びかけた。",
           "専門家は、{I}をめぐる対立はしばらく続くとみている。",
           "声明は措置の開始時期や方法を明らかにしていない。",
           "{P}の住民は、事前の説明はなかったと話している。",
           "双方は{N}か月以内に再び協議することで合意した。"],
}
_CJK_PLACES = {
    "Seoul": ("首尔", "서울", "ソウル"), "Seongju": ("星州", "성주", "星州"),
    "Busan": ("釜山", "부산", "釜山"), "Pyongyang": ("平壤", "평양", "平壌"),
    "Beijing": ("北京", "베이징", "北京"), "Tokyo": ("东京", "도쿄", "東京"),
    "Naha": ("那霸", "나하", "那覇"), "Shanghai": ("上海", "상하이", "上海"),
    "Taipei": ("台北", "타이베이", "台北"), "Manila": ("马尼拉", "마닐라", "マニラ"),
    "Hanoi": ("河内", "하노이", "ハノイ"), "Sanya": ("三亚", "싼야", "三亜"),
    "Washington": ("华盛顿", "워싱턴", "ワシントン"), "Cairo": ("开罗", "카이로", "カイロ"),
    "Addis Ababa": ("亚的斯亚贝巴", "아디스아바바", "アディスアベバ"),
    "Murmansk": ("摩尔曼斯克", "무르만스크", "ムルマンスク"),
    "Okinawa": ("冲绳", "오키나와", "沖縄"), "Hainan": ("海南", "하이난", "海南"),
}
_LANGUAGES = ("zh", "ko", "ja")
_WORD = re.compile(r"\w+")
_PLAIN = re.compile(r"[A-Za-z0-9\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
                    r"[^:#,\[\]{}\"'\n&*!|>%@`]*(?<! )")


# --- generation --------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def title_words(title: str) -> frozenset[str]:
    """The words of a title that carry meaning (as the near-duplicate rule counts them)."""
    return frozenset(w for w in _WORD.findall(title.casefold()) if w not in _STOP_WORDS)


class _Picker:
    """Weighted choices from a fixed population, fast (cumulative weights computed once)."""

    def __init__(self, rng: Random, items: Sequence[str], weights: Sequence[float]) -> None:
        self.rng = rng
        self.items = list(items)
        self.cumulative = list(accumulate(weights))

    def pick(self) -> str:
        total = self.cumulative[-1]
        index = bisect.bisect_right(self.cumulative, self.rng.random() * total)
        return self.items[min(index, len(self.items) - 1)]

    def distinct(self, count: int) -> list[str]:
        chosen: list[str] = []
        for _ in range(count * 8):
            item = self.pick()
            if item not in chosen:
                chosen.append(item)
            if len(chosen) == count:
                break
        return chosen


class _Generator:
    def __init__(self, events: int, seed: int) -> None:
        self.rng = Random(seed)
        self.events_wanted = events
        self.topics = [SynTopic(t.id, t.title, t.summary, t.region, list(t.related))
                       for t in _TOPICS]
        self.spec = {t.id: t for t in _TOPICS}
        self.topic_picker = _Picker(self.rng, [t.id for t in _TOPICS],
                                    [t.weight for t in _TOPICS])
        self.actors: list[SynActor] = []
        self.actor_by_id: dict[str, SynActor] = {}
        self.homes: dict[str, list[str]] = {}
        self.weights: dict[str, float] = {}
        self.casts: dict[str, _Picker] = {}
        self.publisher_picker = _Picker(self.rng, [p[1] for p in _PUBLISHERS],
                                        [p[4] for p in _PUBLISHERS])
        self.publishers = {p[1]: p for p in _PUBLISHERS}
        self.event_ids: set[str] = set()
        self.article_ids: set[str] = set()
        self.titles_by_day: dict[int, list[frozenset[str]]] = {}
        self.defined: list[str] = []
        self.forced = 0  # titles that kept looking like a neighbour's (should stay 0)
        self.span = (LAST_DAY - FIRST_DAY).days
        # Busy periods: a tenth of events cluster around forty crises, as news does.
        self.crises = sorted(self.rng.randrange(self.span) for _ in range(40))

    # --- registries ---

    def make_actors(self) -> None:
        topic_ids = [t.id for t in _TOPICS]
        for name, cjk, home in _STATES:
            self.add_actor(SynActor(slugify(name), name, "state", f"The state of {name}.",
                                    [], dict(zip(_LANGUAGES, cjk, strict=True))),
                           list(home) or topic_ids, 3.0 if home else 6.0)
        for owner in _ORG_OWNERS:
            state = self.actor_by_id[slugify(owner)]
            for organisation, *names in self.rng.sample(_ORGANISATIONS, 3):
                name = f"{owner} {organisation}"
                spelled = {language: f"{state.cjk[language]}{' ' if language == 'ko' else ''}"
                                     f"{native}"
                           for language, native in zip(_LANGUAGES, names, strict=True)}
                self.add_actor(SynActor(slugify(name), name, "organisation",
                                        f"The {organisation.lower()} of {owner}.", [], spelled),
                               self.homes[state.id], 1.5)
        for name, description in _BODIES:
            self.add_actor(SynActor(slugify(name), name, "organisation", description),
                           [self.rng.choice(topic_ids)], 1.0)
        for name, description in _SYSTEMS:
            self.add_actor(SynActor(slugify(name), name, "system", description),
                           [self.rng.choice(topic_ids)], 1.0)
        while len(self.actors) < ACTORS:
            self.add_person(topic_ids)
        for topic_id in topic_ids:
            cast = [actor.id for actor in self.actors if topic_id in self.homes[actor.id]]
            self.casts[topic_id] = _Picker(self.rng, cast, [self.weights[a] for a in cast])

    def add_actor(self, actor: SynActor, homes: list[str], weight: float) -> None:
        self.actors.append(actor)
        self.actor_by_id[actor.id] = actor
        self.homes[actor.id] = homes
        self.weights[actor.id] = weight

    def add_person(self, topic_ids: list[str]) -> None:
        language = self.rng.choice(["zh", "zh", "ko", "ko", "ja", "en", "en", "en"])
        families, givens = _NAMES[language]
        (family, family_cjk), (given, given_cjk) = (self.rng.choice(families),
                                                    self.rng.choice(givens))
        name = f"{given} {family}" if language == "en" else f"{family} {given}"
        actor_id = slugify(name)
        if actor_id in self.actor_by_id:
            return
        role = self.rng.choice(_ROLES)
        country = {"zh": "China", "ko": "South Korea", "ja": "Japan"}.get(
            language, self.rng.choice(_ORG_OWNERS))
        aliases: list[str] = []
        cjk: dict[str, str] = {}
        if language != "en":
            native = f"{family_cjk}{given_cjk}"
            aliases.append(native)
            cjk = {language: native}
        # Popularity falls with rank, so that a few people appear in many events.
        weight = 2.0 / (1 + len(self.actors) / 40)
        self.add_actor(SynActor(actor_id, name, "person", f"{country}'s {role}.", aliases, cjk),
                       self.rng.sample(topic_ids, self.rng.choice([1, 1, 2])), weight)

    # --- dates ---

    def base_day(self) -> date:
        if self.rng.random() < 0.1:
            center = self.rng.choice(self.crises)
            offset = max(0, min(self.span, center + int(self.rng.gauss(0, 10))))
            return FIRST_DAY + timedelta(days=offset)
        return FIRST_DAY + timedelta(days=self.rng.randrange(self.span + 1))

    def event_date(self, day: date) -> tuple[str, str, int]:
        """The date as written, the id's date prefix, and the precision."""
        roll = self.rng.random()
        iso = day.isoformat()
        if roll < 0.78:
            return iso, iso, 2
        if roll < 0.83:
            return f"{iso}~", iso, 2
        if roll < 0.90:
            return iso[:7], iso[:7], 1
        if roll < 0.92:
            return f"{iso[:7]}?", iso[:7], 1
        if roll < 0.96:
            end = day + timedelta(days=self.rng.randint(1, 10))
            return f"{iso}/{end.isoformat()}", iso, 2
        if roll < 0.99:
            offset = self.rng.choice(["+09:00", "+08:00", "+03:00", "Z", "-05:00"])
            hour, minute = self.rng.randrange(24), self.rng.randrange(60)
            return f"{iso}T{hour:02d}:{minute:02d}{offset}", iso, 3
        return f"{day.year}~", str(day.year), 0

    # --- text ---

    def number(self) -> str:
        return str(self.rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 24, 30, 40, 50, 120,
                                    300, 1500]))

    def fill(self, template: str, topic: str, subject: str, other: str) -> str:
        spec = self.spec[topic]
        text = template.format(S=subject, O=other, I=self.rng.choice(spec.issues),
                               X=self.rng.choice(spec.incidents), P=self.rng.choice(spec.places),
                               N=self.number(), K=self.rng.choice(_ORDINALS))
        return text[0].upper() + text[1:]

    def english_title(self, topic: str, subject: str, other: str) -> str:
        title = ""
        for _ in range(20):
            title = self.fill(self.rng.choice(_VERBS), topic, subject, other)
            while len(title) < 60:
                title += self.fill(self.rng.choice(_TAILS), topic, subject, other)
            if len(title) <= 100:
                return title
        return title[:100].rsplit(" ", 1)[0]

    def english_summary(self, topic: str, subject: str, other: str, low: int = 0,
                        high: int = 500) -> str:
        low = low or self.rng.randint(300, 440)
        sentences: list[str] = []
        length = 0
        pool = list(_SENTENCES)
        self.rng.shuffle(pool)
        for template in pool:
            sentence = self.fill(template, topic, subject, other)
            if length + len(sentence) + 1 > high:
                continue
            sentences.append(sentence)
            length += len(sentence) + 1
            if length >= low:
                break
        # One summary in five has two paragraphs, as longer curated summaries do.
        if len(sentences) > 2 and self.rng.random() < 0.2:
            return " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
        return " ".join(sentences)

    def cjk_name(self, actor_id: str, language: str) -> str:
        actor = self.actor_by_id[actor_id]
        return actor.cjk.get(language, actor.name)

    def cjk_place(self, place: str, language: str) -> str:
        names = _CJK_PLACES.get(place)
        return names[_LANGUAGES.index(language)] if names else place

    def cjk_fill(self, template: str, language: str, topic: str, subject: str,
                 other: str) -> str:
        spec = self.spec[topic]
        return template.format(S=subject, O=other, I=self.rng.choice(spec.cjk[language]),
                               N=self.number(),
                               P=self.cjk_place(self.rng.choice(spec.places), language))

    def cjk_title(self, language: str, topic: str, subject: str, other: str
                  ) -> tuple[str, str]:
        """A headline in Chinese, Korean or Japanese, and English words for its id."""
        spec = self.spec[topic]
        index = self.rng.randrange(len(spec.cjk[language]))
        issue = spec.cjk[language][index]
        verb, verb_slug = self.rng.choice(_CJK_VERBS[language])
        tail = self.cjk_fill(self.rng.choice(_CJK_TAILS[language]), language, topic, subject,
                             other)
        if language == "zh":
            title = f"{subject}就{issue}{verb}，{tail}"
        elif language == "ko":
            title = f"{subject}, {issue} {verb}… {tail}"
        else:
            title = f"{subject}、{issue}で{verb}　{tail}"
        return title, f"{verb_slug} {spec.issues[index]}"

    def cjk_summary(self, language: str, topic: str, subject: str, other: str) -> str:
        pool = list(_CJK_SENTENCES[language])
        self.rng.shuffle(pool)
        count = self.rng.randint(4, 7)
        joiner = " " if language == "ko" else ""
        return joiner.join(self.cjk_fill(t, language, topic, subject, other)
                           for t in pool[:count])

    # --- events and articles ---

    @staticmethod
    def unique(taken: set[str], candidate: str, limit: int) -> str:
        """An id of at most ``limit`` characters not yet taken, cut at a word boundary."""
        if len(candidate) > limit:
            candidate = candidate[:limit].rsplit("-", 1)[0]
        found, counter = candidate, 2
        while found in taken:
            found = f"{candidate[:limit - 6].rstrip('-')}-{counter}"
            counter += 1
        taken.add(found)
        return found

    def looks_taken(self, day: date, words: frozenset[str]) -> bool:
        ordinal = day.toordinal()
        for other_day in range(ordinal - DUPLICATE_WINDOW_DAYS,
                               ordinal + DUPLICATE_WINDOW_DAYS + 1):
            for other in self.titles_by_day.get(other_day, ()):
                union = len(words | other)
                if union and len(words & other) / union >= DUPLICATE_THRESHOLD:
                    return True
        return False

    def event(self, day: date, language: str, main: str) -> SynEvent:
        text, prefix, precision = self.event_date(day)
        roll = self.rng.random()
        extra = self.topic_picker.distinct(3 if roll < 0.05 else 2 if roll < 0.25 else 0)
        topics = [main, *[topic for topic in extra if topic != main][:2]]
        spec = self.spec[main]
        cjk = language in _LANGUAGES
        actors: list[str] = []
        title = id_words = subject = other = ""
        words: frozenset[str] = frozenset()
        for attempt in range(DUPLICATE_ATTEMPTS):
            # A title is redrawn until it shares few words with the titles of nearby days; a
            # long name can dominate a short title, so every few attempts the actors change.
            if attempt % 8 == 0:
                actors = self.casts[main].distinct(self.rng.choice([1, 2, 2, 3]))
                other_id = (actors[1:] or [a for a in self.casts[main].distinct(3)
                                           if a not in actors] or actors)[0]
                names = (self.cjk_name(actors[0], language), self.cjk_name(other_id, language)
                         ) if cjk else (self.actor_by_id[actors[0]].name,
                                        self.actor_by_id[other_id].name)
                subject, other = names
            if cjk:
                title, id_words = self.cjk_title(language, main, subject, other)
            else:
                title = id_words = self.english_title(main, subject, other)
            words = title_words(title)
            if precision < 2 or not self.looks_taken(day, words):
                break
        else:
            self.forced += 1
        summary = (self.cjk_summary(language, main, subject, other) if cjk else
                   self.english_summary(main, self.mixed(actors[0]), other))
        if precision >= 2:
            self.titles_by_day.setdefault(day.toordinal(), []).append(words)
        event_id = self.unique(self.event_ids, f"{prefix}-{slugify(id_words)}", ID_CHARS)
        places = self.rng.sample(spec.places, self.rng.choice([0, 1, 1, 2]))
        if cjk:
            places = [self.cjk_place(place, language) for place in places]
        tags = sorted(self.rng.sample(spec.tags, self.rng.choice([1, 1, 2, 3])))
        quotes = []
        speakers = [a for a in actors if self.actor_by_id[a].kind == "person"]
        if speakers and self.rng.random() < 0.3:
            quote = self.english_summary(main, subject, other, 40, 200).split("\n")[0]
            quotes.append((quote, speakers[0]))
        return SynEvent(event_id, text, day, precision, title, summary, topics, actors,
                        places, tags, quotes)

    def mixed(self, actor_id: str) -> str:
        """An actor's name in English text, with its CJK spelling in brackets now and then."""
        actor = self.actor_by_id[actor_id]
        if actor.aliases and self.rng.random() < 0.5:
            return f"{actor.name} ({actor.aliases[0]})"
        return actor.name

    def article(self, count: int) -> SynArticle:
        publisher, slug, domain, language, _ = self.publishers[self.publisher_picker.pick()]
        lang = language.split("-")[0]
        event_language = lang if lang in _LANGUAGES else (
            self.rng.choice(_LANGUAGES) if self.rng.random() < 0.03 else "en")
        day = self.base_day()
        # The events of one article belong to one story: they share their main topic.
        topic = self.topic_picker.pick()
        events = []
        for index in range(count):
            event_day = day - timedelta(days=self.rng.randint(0, 20) if index else 0)
            events.append(self.event(max(event_day, FIRST_DAY), event_language, topic))
        published = day + timedelta(days=self.rng.choice([0, 0, 0, 1, 1, 2]))
        added = date(2026, 1, 5) + timedelta(days=self.rng.randrange(300))
        main = events[0]
        other = self.actor_by_id[self.casts[topic].pick()].name
        if lang in _LANGUAGES:
            subject = self.cjk_name(main.actors[0], lang)
            title = self.cjk_title(lang, topic, subject, other)[0]
            summary = self.cjk_summary(lang, topic, subject, other)
        else:
            subject = self.actor_by_id[main.actors[0]].name
            title = self.english_title(topic, subject, other)
            summary = self.english_summary(topic, subject, other)
        short = "-".join([w for w in main.id.split("-") if not w.isdigit()][:6]) or "report"
        article_id = self.unique(self.article_ids, f"{published.isoformat()}-{slug}-{short}", 90)
        for event in events:
            event.article = article_id
        refs: list[str] = []
        roll = self.rng.random()
        wanted = 2 if roll < 0.08 else (1 if roll < 0.3 else 0)
        recent = self.defined[-400:]
        while recent and len(refs) < min(wanted, len(recent)):
            ref = self.rng.choice(recent)
            if ref not in refs:
                refs.append(ref)
        authors = []
        if self.rng.random() < 0.5:
            authors.append(f"{self.rng.choice(_NAMES['en'][1])[0]} "
                           f"{self.rng.choice(_NAMES['en'][0])[0]}")
        dateline = self.rng.choice(self.spec[topic].places) if self.rng.random() < 0.4 else ""
        url = f"https://{domain}/news/{published.year}/{self.rng.randrange(10**6, 10**9)}"
        archive = (f"https://web.archive.org/web/{published.strftime('%Y%m%d')}/{url}"
                   if self.rng.random() < 0.2 else "")
        self.defined += [event.id for event in events]
        return SynArticle(article_id, f"articles/{published.year}/{article_id}.yml", title,
                          publisher, url, published, added, summary, language, authors,
                          dateline, archive, events, refs)

    def corpus(self) -> SyntheticCorpus:
        self.make_actors()
        articles = []
        remaining = self.events_wanted
        while remaining > 0:
            count = min(remaining, self.rng.choices([1, 2, 3], [45, 35, 20])[0])
            articles.append(self.article(count))
            remaining -= count
        actors = sorted(self.actors, key=lambda a: a.id)
        return SyntheticCorpus(dict(TAGS), self.topics, actors, articles)


def generate(events: int, seed: int = 0) -> SyntheticCorpus:
    """The corpus as data, without writing it."""
    if events < 1:
        raise ValueError("a corpus needs at least one event")
    return _Generator(events, seed).corpus()


# --- YAML ----------------------------------------------------------------------------------------


def _scalar(value: str, *, in_flow: bool = False) -> str:
    """A YAML scalar for text: plain when that is safe, else double-quoted (JSON is YAML)."""
    if _PLAIN.fullmatch(value) and not (in_flow and "," in value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Sequence[str]) -> str:
    return "[" + ", ".join(_scalar(v, in_flow=True) for v in values) + "]"


def _folded(value: str, indent: int, width: int = 100) -> str:
    """A folded block scalar (>-) wrapped at spaces; paragraphs separated by a blank line."""
    pad = " " * indent
    lines = [">-"]
    for number, paragraph in enumerate(value.split("\n\n")):
        if number:
            lines.append("")
        line = ""
        for word in paragraph.split(" "):
            if line and len(pad) + len(line) + 1 + len(word) > width:
                lines.append(pad + line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(pad + line)
    return "\n".join(lines)


def article_yaml(article: SynArticle) -> str:
    """One article file, formatted as curators write them."""
    out = ["# yaml-language-server: $schema=../../../schema/article.schema.json",
           f"title: {_scalar(article.title)}",
           f"publisher: {_scalar(article.publisher)}",
           f"url: {article.url}"]
    if article.archive_url:
        # The copy's day is the one its Wayback address names (the publication day).
        out += [f"archive_url: {article.archive_url}",
                f"archived: {article.published.isoformat()}"]
    out.append(f"published: {article.published.isoformat()}")
    if article.dateline:
        out.append(f"dateline: {_scalar(article.dateline)}")
    out.append(f"language: {article.language}")
    if article.authors:
        out.append(f"authors: {_flow(article.authors)}")
    out += [f"added: {article.added.isoformat()}",
            f"summary: {_folded(article.summary, 2)}",
            "events:"]
    for event in article.events:
        out += [f"  - id: {event.id}",
                f"    date: {_scalar(event.date_text)}",
                f"    title: {_scalar(event.title)}",
                f"    summary: {_folded(event.summary, 6)}",
                f"    topics: {_flow(event.topics)}"]
        if event.actors:
            out.append(f"    actors: {_flow(event.actors)}")
        if event.places:
            out.append(f"    places: {_flow(event.places)}")
        if event.tags:
            out.append(f"    tags: {_flow(event.tags)}")
        if event.quotes:
            out.append("    quotes:")
            for text, by in event.quotes:
                out += [f"      - text: {_scalar(text)}", f"        by: {by}"]
                if article.language != "en":  # quotes are English, whatever the article's
                    out.append("        language: en")
    out += [f"  - ref: {ref}" for ref in article.refs]
    return "\n".join(out) + "\n"


def _registry_yaml(schema: str, fields: list[tuple[str, str | list[str]]]) -> str:
    out = [f"# yaml-language-server: $schema=../../schema/{schema}.schema.json"]
    for key, value in fields:
        if isinstance(value, list):
            if value:
                out.append(f"{key}: {_flow(value)}")
        elif value:
            out.append(f"{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"


def write_corpus(root: Path, events: int, seed: int = 0) -> SyntheticCorpus:
    """Write a valid content folder with exactly ``events`` events under ``root``.

    ``root`` becomes the content folder (``tags.yml``, ``topics/``, ``actors/``, ``articles/``);
    it must not hold other content. Returns what was written, as data.
    """
    corpus = generate(events, seed)
    (root / "topics").mkdir(parents=True, exist_ok=True)
    (root / "actors").mkdir(exist_ok=True)
    tags = ["# yaml-language-server: $schema=../schema/tags.schema.json", "tags:"]
    tags += [f"  {tag}: {_scalar(text)}" for tag, text in corpus.tags.items()]
    (root / "tags.yml").write_text("\n".join(tags) + "\n", encoding="utf-8")
    for topic in corpus.topics:
        (root / "topics" / f"{topic.id}.yml").write_text(_registry_yaml("topic", [
            ("title", topic.title), ("summary", topic.summary), ("region", topic.region),
            ("related", topic.related)]), encoding="utf-8")
    for actor in corpus.actors:
        (root / "actors" / f"{actor.id}.yml").write_text(_registry_yaml("actor", [
            ("name", actor.name), ("kind", actor.kind), ("description", actor.description),
            ("aliases", actor.aliases)]), encoding="utf-8")
    folders: set[str] = set()
    for article in corpus.articles:
        path = root / article.path
        if path.parent.name not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent.name)
        path.write_text(article_yaml(article), encoding="utf-8")
    return corpus
