"""Question language (Indonesian or English) and English->Indonesian domain terms for matching."""

from __future__ import annotations

import re

_ID_WORDS = frozenset(
    "yang dan di ke dari apa apakah berapa siapa bagaimana mengapa kapan mana dengan untuk dalam "
    "adalah ini itu tersebut menurut sebutkan jelaskan tentang pada atau serta oleh sebagai saja "
    "luasnya jumlah tahun dimaksud maksud bisa dapat tidak ada akan juga lagi".split()
)
_EN_WORDS = frozenset(
    "the and of to in what which who how why when where is are was were does did do according "
    "with for on by as that this these those many much list name explain define about from "
    "their they it its there an a be been have has will would can could".split()
)

# Domain vocabulary of the corpus, so English questions can be checked against Indonesian text.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "industry": ("industri",), "industries": ("industri",), "industrial": ("industri",),
    "cluster": ("klaster",), "clusters": ("klaster",), "zone": ("zona", "kawasan"),
    "zones": ("zona", "kawasan"), "area": ("luas",), "estate": ("kawasan",),
    "special": ("khusus",), "economic": ("ekonomi",), "economy": ("ekonomi",),
    "large": ("luas",), "size": ("luas",), "hectares": ("ha", "hektar"), "wide": ("luas",),
    "located": ("letak", "lokasi", "wilayah"), "location": ("lokasi", "letak"),
    "district": ("kecamatan", "kabupaten"), "regency": ("kabupaten",), "city": ("kota",),
    "province": ("provinsi",), "provinces": ("provinsi",), "region": ("wilayah",),
    "regions": ("wilayah",), "regional": ("wilayah", "daerah"), "eastern": ("timur",),
    "east": ("timur",), "western": ("barat",), "west": ("barat",), "north": ("utara",),
    "south": ("selatan",), "central": ("tengah",), "workers": ("tenaga", "kerja"),
    "worker": ("tenaga", "kerja"), "employ": ("tenaga", "kerja", "serap"),
    "employed": ("tenaga", "kerja", "serap"), "employment": ("tenaga", "kerja"),
    "jobs": ("kerja",), "labour": ("tenaga", "kerja"), "labor": ("tenaga", "kerja"),
    "share": ("persen", "kontribusi", "share"), "contribution": ("kontribusi",),
    "growth": ("tumbuh",), "grow": ("tumbuh",), "poverty": ("miskin",), "poor": ("miskin",),
    "sector": ("sektor",), "sectors": ("sektor",), "product": ("produk",),
    "products": ("produk",), "flagship": ("unggul",), "leading": ("unggul", "andal"),
    "superior": ("unggul",), "commodity": ("komoditas",), "commodities": ("komoditas",),
    "downstream": ("hilir",), "downstreaming": ("hilir",), "processing": ("olah",),
    "manufacturing": ("olah", "industri"), "small": ("kecil",), "medium": ("menengah",),
    "micro": ("mikro",), "enterprise": ("usaha",), "enterprises": ("usaha",),
    "business": ("usaha",), "businesses": ("usaha",), "units": ("unit",), "unit": ("unit",),
    "stage": ("tahap",), "stages": ("tahap",), "phase": ("tahap",), "phases": ("tahap",),
    "strategy": ("strategi",), "strategies": ("strategi",), "program": ("program",),
    "programme": ("program",), "policy": ("kebijakan",), "plan": ("rencana",),
    "master": ("induk",), "national": ("nasional",), "development": ("bangun", "kembang"),
    "develop": ("bangun", "kembang"), "target": ("sasar", "target"), "targets": ("sasar",),
    "law": ("undang",),
    "regulation": ("atur",), "regulations": ("atur",), "article": ("pasal", "artikel"),
    "year": ("tahun",), "years": ("tahun",), "period": ("jangka", "waktu"),
    "reviewed": ("tinjau",), "review": ("tinjau",), "assets": ("kaya", "aset"),
    "net": ("bersih",), "wealth": ("kaya",), "turnover": ("hasil", "jual"),
    "sales": ("jual",), "village": ("desa",), "villages": ("desa",), "center": ("sentra",),
    "centre": ("sentra",), "centers": ("sentra",), "centres": ("sentra",),
    "supporting": ("dukung",), "supplier": ("pasok",), "suppliers": ("pasok",),
    "core": ("inti",), "related": ("kait",), "value": ("nilai",), "chain": ("rantai",),
    "added": ("tambah",), "raw": ("mentah", "baku"), "materials": ("bahan",),
    "material": ("bahan",), "infrastructure": ("infrastruktur",), "investment": ("investasi",),
    "export": ("ekspor",), "exports": ("ekspor",), "import": ("impor",), "imports": ("impor",),
    "nickel": ("nikel",), "copper": ("tembaga",), "bauxite": ("bauksit",), "tin": ("timah",),
    "seaweed": ("rumput", "laut"), "palm": ("sawit",), "coconut": ("kelapa",),
    "sago": ("sagu",), "cassava": ("singkong",), "fisheries": ("ikan",), "fish": ("ikan",),
    "tourism": ("wisata",), "mining": ("tambang",), "agriculture": ("tani",),
    "population": ("penduduk",), "people": ("orang", "penduduk"), "percent": ("persen",),
    "gdp": ("pdb",), "grdp": ("pdrb",), "sez": ("kek",), "sezs": ("kek",), "sme": ("ikm", "ukm"),
    "smes": ("ikm", "ukm"), "msme": ("umkm",), "msmes": ("umkm",), "theme": ("tema",),
    "direction": ("arah",), "support": ("dukung", "fasilitas", "bantu"),
    "supports": ("dukung", "fasilitas"), "given": ("beri",), "give": ("beri",),
    "help": ("bantu",), "assistance": ("bantu",), "government": ("pemerintah",),
    "local": ("daerah",), "minister": ("menteri",), "ministry": ("menteri",),
    "incentive": ("insentif",), "incentives": ("insentif",), "criteria": ("kriteria",),
    "purpose": ("tujuan",), "goal": ("tujuan", "sasar"), "goals": ("tujuan", "sasar"),
    "objective": ("tujuan", "sasar"), "vision": ("visi",), "mission": ("misi",),
    "ore": ("bijih",), "reserves": ("cadang",), "reserve": ("cadang",),
    "deposits": ("cadang",), "potential": ("potensi",), "mine": ("tambang",),
    "production": ("produksi",), "produce": ("produksi",), "produced": ("produksi",),
    "tons": ("ton",), "construction": ("bangun",), "include": ("liput",),
    "includes": ("liput",), "consist": ("diri",), "consists": ("diri",), "principles": ("asas",),
    "principle": ("asas",), "purposes": ("tujuan",), "aims": ("tujuan",), "build": ("bangun",),
    "built": ("bangun",), "road": ("jalan",), "roads": ("jalan",), "energy": ("energi",),
    "port": ("pelabuhan",), "java": ("jawa",), "javanese": ("jawa",), "sumatra": ("sumatera",),
    "moluccas": ("maluku",), "outside": ("luar",), "ratio": ("rasio", "banding"),
    "versus": ("banding",), "compared": ("banding",), "tourists": ("wisatawan",),
    "tourist": ("wisatawan",), "visitors": ("wisatawan", "kunjung"), "visited": ("kunjung",),
    "budget": ("anggaran",), "cost": ("biaya",), "price": ("harga",), "prices": ("harga",),
    "name": ("nama",), "president": ("presiden",), "signed": ("tanda", "ttd"),
    "immunization": ("imunisasi",), "immunisation": ("imunisasi",), "children": ("anak",),
    "child": ("anak",), "coverage": ("cakup",), "access": ("akses",), "water": ("air",),
    "drinking": ("minum",), "sanitation": ("sanitasi",), "education": ("didik",),
    "school": ("sekolah",), "health": ("sehat",), "unemployment": ("anggur",),
    "rice": ("padi", "beras"), "corn": ("jagung",), "maize": ("jagung",), "salt": ("garam",),
    "fishery": ("ikan",), "tuna": ("tuna",), "gold": ("emas",), "electricity": ("listrik",),
    "housing": ("rumah",), "income": ("dapat",), "islands": ("pulau",),
    "island": ("pulau",), "regencies": ("kabupaten",), "cities": ("kota",),
    "designated": ("tetap",), "established": ("tetap",), "determined": ("tetap",),
    "directed": ("arah",), "become": ("jadi",), "becomes": ("jadi",),
    "current": ("kini", "sekarang"), "currently": ("kini", "sekarang"),
    "latest": ("terkini", "kini"), "now": ("kini", "sekarang"), "today": ("kini", "sekarang"),
    "green": ("hijau",), "human": ("manusia",), "resources": ("sumber", "daya"),
    "natural": ("alam",), "technology": ("teknologi",), "innovation": ("inovasi",),
    "creative": ("kreatif",), "competitiveness": ("saing",), "competitive": ("saing",),
    "partnership": ("mitra",), "financing": ("biaya",), "funding": ("dana", "biaya"),
    "facilities": ("fasilitas",), "facility": ("fasilitas",), "training": ("latih",),
    "empowerment": ("daya",), "institution": ("lembaga",), "institutions": ("lembaga",),
    "oil": ("minyak",), "gas": ("gas",), "largest": ("besar",), "biggest": ("besar",),
    "highest": ("tinggi",), "lowest": ("rendah",), "first": ("pertama",), "second": ("kedua",),
    "third": ("ketiga",), "last": ("terakhir",), "final": ("terakhir",),
}


# Acronyms of Indonesian policy that documents often spell out without defining.
DOMAIN_ACRONYMS = {
    "UMKM": "usaha mikro, kecil, dan menengah", "UKM": "usaha kecil dan menengah",
    "IKM": "industri kecil dan industri menengah", "KEK": "kawasan ekonomi khusus",
    "KI": "kawasan industri", "PDB": "produk domestik bruto",
    "PDRB": "produk domestik regional bruto", "SDA": "sumber daya alam",
    "SDM": "sumber daya manusia", "NTB": "nusa tenggara barat", "NTT": "nusa tenggara timur",
    "KTI": "kawasan timur indonesia", "RIPIN": "rencana induk pembangunan industri nasional",
    "RPJMN": "rencana pembangunan jangka menengah nasional", "BUMN": "badan usaha milik negara",
    "BUMD": "badan usaha milik daerah", "OVOP": "one village one product",
}


def detect_language(text: str) -> str:
    """Guess whether a question is Indonesian (``"id"``) or English (``"en"``).

    Args:
        text: the question.

    Returns:
        ``"id"`` or ``"en"``; Indonesian wins ties, as the corpus is Indonesian.
    """
    words = re.findall(r"[a-z]+", text.lower())
    id_score = sum(w in _ID_WORDS or w.endswith("nya") for w in words)
    en_score = sum(w in _EN_WORDS for w in words)
    return "en" if en_score > id_score else "id"


def indonesian_terms(word: str) -> tuple[str, ...]:
    """Indonesian stems for an English domain word, or ``()`` when the glossary lacks it."""
    return GLOSSARY.get(word.lower(), ())


_ACRONYM_AFTER = re.compile(
    r"\((?:selanjutnya disebut\s+)?([A-Z][A-Z0-9]{1,7})\)"
    r"|yang selanjutnya (?:disebut|disingkat)\s+([A-Z][A-Z0-9]{1,7})\b"
)
_CAPITALISED = re.compile(r"[A-Z][\w-]*")
_PHRASE_WINDOW = 400  # characters before an acronym searched for its seven words


def find_acronyms(texts: list[str]) -> dict[str, str]:
    """Acronyms the documents define, as ``"Kawasan Ekonomi Khusus (KEK)"`` or "disingkat KEK".

    Linear in the text: each acronym is found first, then at most seven capitalised words
    (joined by "dan", "and" or "of") are read backwards from it within a bounded window.

    Args:
        texts: chunk texts.

    Returns:
        Acronym -> its expansion in lower case.
    """
    found: dict[str, str] = {}
    for text in texts:
        for match in _ACRONYM_AFTER.finditer(text):
            acronym = match.group(1) or match.group(2)
            joiners = ("dan", "and", "of") if match.group(1) else ("dan",)
            phrase = _phrase_before(text, match.start(), joiners)
            capitals = [i for i, w in enumerate(phrase) if w[0].isupper()]
            # The tail of capitalised words whose initials spell the acronym.
            if len(capitals) >= len(acronym):
                start = capitals[len(capitals) - len(acronym)]
                initials = "".join(w[0] for w in phrase[start:] if w[0].isupper())
                if initials.upper() == acronym.upper():
                    found.setdefault(acronym, " ".join(phrase[start:]).lower())
    return found


def _phrase_before(text: str, end: int, joiners: tuple[str, ...]) -> list[str]:
    """Up to seven capitalised words (and their joiners) that end right before ``end``."""
    start = max(0, end - _PHRASE_WINDOW)
    window = text[start:end]
    if not window or not window[-1].isspace():
        return []
    words = window.split()
    if start > 0 and not text[start - 1].isspace() and not window[0].isspace():
        words = words[1:]  # cut by the window
    phrase: list[str] = []
    capitals = 0
    for word in reversed(words):
        if word in joiners and not (phrase and phrase[0] in joiners):
            phrase.insert(0, word)
        elif _CAPITALISED.fullmatch(word) and capitals < 7:
            phrase.insert(0, word)
            capitals += 1
        else:
            break
    while phrase and phrase[0] in joiners:
        phrase.pop(0)
    return phrase
