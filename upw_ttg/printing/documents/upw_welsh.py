"""English and Welsh wording of the person-facing UPW documents, and dates in either language."""

from __future__ import annotations

import datetime as dt

ENGLISH = "en"
WELSH = "cy"
LANGUAGES = (ENGLISH, WELSH)

_DAYS = {
    ENGLISH: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    WELSH: ("Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener",
            "Dydd Sadwrn", "Dydd Sul"),
}
_MONTHS = {
    ENGLISH: ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"),
    WELSH: ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
            "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
}

# key -> (English, Welsh). Placeholders in braces are filled by the document. The Welsh was
# written for this application; have it checked by the Welsh Language Unit before go-live.
LABELS: dict[str, tuple[str, str]] = {
    "letter_title": ("Your unpaid work appointment",
                     "Eich apwyntiad gwaith di-dâl"),
    "reference": ("Reference", "Cyfeirnod"),
    "date": ("Date", "Dyddiad"),
    "dear": ("Dear {name},", "Annwyl {name},"),
    "intro": ("You must attend unpaid work (Community Payback) as part of your court order. "
              "Your next session is below.",
              "Rhaid i chi fynychu gwaith di-dâl (Talu'n Ôl i'r Gymuned) fel rhan o'ch gorchymyn "
              "llys. Mae manylion eich sesiwn nesaf isod."),
    "when": ("When", "Pryd"),
    "times": ("{start} to {end}", "{start} tan {end}"),
    "where": ("Where", "Ble"),
    "pickup": ("Pick-up", "Man casglu"),
    "pickup_text": ("Be at {place}, {address}, by {time}. The minibus takes you to the site "
                    "and brings you back.",
                    "Byddwch yn {place}, {address}, erbyn {time}. Bydd y bws mini yn mynd â chi "
                    "i'r safle ac yn dod â chi'n ôl."),
    "own_way": ("Make your own way to the site, arriving by {time}.",
                "Ewch i'r safle eich hun, gan gyrraedd erbyn {time}."),
    "wear": ("What to wear", "Beth i'w wisgo"),
    "wear_text": ("Clothes you can work outdoors in, suited to the weather, and sturdy boots "
                  "or shoes. We provide gloves and any other safety equipment.",
                  "Dillad y gallwch weithio ynddynt yn yr awyr agored, sy'n addas i'r tywydd, "
                  "ac esgidiau cadarn. Rydym yn darparu menig ac unrhyw offer diogelwch arall."),
    "hi_vis": ("A high-visibility vest must be worn on this site; we provide it.",
               "Rhaid gwisgo fest lachar ar y safle hwn; rydym yn ei darparu."),
    "bring": ("What to bring", "Beth i ddod gyda chi"),
    "bring_text": ("A packed lunch and a drink, any medicine you need during the day, and "
                   "this letter.",
                   "Pecyn bwyd a diod, unrhyw feddyginiaeth sydd ei hangen arnoch yn ystod y "
                   "dydd, a'r llythyr hwn."),
    "call": ("Who to call", "Pwy i'w ffonio"),
    "call_text": ("If you cannot come, or will be late, call {who} on {phone} before the "
                  "session starts.",
                  "Os na allwch ddod, neu os byddwch yn hwyr, ffoniwch {who} ar {phone} cyn "
                  "i'r sesiwn ddechrau."),
    "call_no_phone": ("If you cannot come, or will be late, contact {who} before the "
                      "session starts.",
                      "Os na allwch ddod, neu os byddwch yn hwyr, cysylltwch â {who} cyn i'r "
                      "sesiwn ddechrau."),
    "warning": ("You may be asked for evidence of why you could not come, such as a letter "
                "from your doctor or employer. Missing a session without an acceptable reason "
                "can lead to a warning or to your case going back to court.",
                "Efallai y gofynnir i chi am dystiolaeth o pam na allech ddod, fel llythyr gan "
                "eich meddyg neu eich cyflogwr. Gall colli sesiwn heb reswm derbyniol arwain at "
                "rybudd neu at eich achos yn mynd yn ôl i'r llys."),
    "team": ("the Unpaid Work team", "y tîm Gwaith Di-dâl"),
    "sign_off": ("Yours sincerely,", "Yn gywir,"),
    "team_name": ("Unpaid Work team, {office}", "Tîm Gwaith Di-dâl, {office}"),
    "page": ("Page {page} of {total}", "Tudalen {page} o {total}"),
    "printed": ("Printed {when}", "Argraffwyd {when}"),
}


def label(key: str, language: str, **values: object) -> str:
    """The text for ``key`` in ``language`` with its placeholders filled (values unescaped)."""
    english, welsh = LABELS[key]
    text = welsh if language == WELSH else english
    return text.format(**values) if values else text


def long_date(day: dt.date, language: str) -> str:
    """``Monday 30 November 2026`` or ``Dydd Llun 30 Tachwedd 2026``."""
    lang = WELSH if language == WELSH else ENGLISH
    return (f"{_DAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]} "
            f"{day.year}")


def short_date(day: dt.date, language: str) -> str:
    """``30 November 2026`` or ``30 Tachwedd 2026``."""
    lang = WELSH if language == WELSH else ENGLISH
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def clock(value: dt.time) -> str:
    """24-hour time, as printed on every UPW document: ``09:00``."""
    return f"{value:%H:%M}"
