"""English and Welsh wording for the letters and the breach summary, and the letter head."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from upw_ttg.domain.codes import Language, OrderType
from upw_ttg.printing import fonts
from upw_ttg.printing.styles import get_styles
from upw_ttg.printing.text import escape

EN, CY = Language.ENGLISH, Language.WELSH
_MONTHS = {
    EN: ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
    CY: ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
         "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
}
_WEEKDAYS = {
    EN: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    # Soft-mutated, as the letters use them after "ar" ("ar ddydd Mawrth").
    CY: ("ddydd Llun", "ddydd Mawrth", "ddydd Mercher", "ddydd Iau", "ddydd Gwener",
         "ddydd Sadwrn", "ddydd Sul"),
}
_ORDER_TYPES = {
    OrderType.COMMUNITY_ORDER: {EN: "community order", CY: "gorchymyn cymunedol"},
    OrderType.SUSPENDED_SENTENCE_ORDER: {EN: "suspended sentence order",
                                         CY: "gorchymyn dedfryd ohiriedig"},
}
OUTCOMES_CY = {
    "ATTC": "Mynychodd – cydymffurfiodd",
    "AFTC": "Mynychodd – methodd â chydymffurfio",
    "ATSH": "Mynychodd – anfonwyd adref (ymddygiad)",
    "ATSS": "Mynychodd – anfonwyd adref (rhesymau'r gwasanaeth)",
    "UAAB": "Absenoldeb annerbyniol",
    "AAME": "Absenoldeb derbyniol – meddygol",
    "AAEM": "Absenoldeb derbyniol – cyflogaeth",
    "AAFC": "Absenoldeb derbyniol – teulu neu ofal plant",
    "AACL": "Absenoldeb derbyniol – llys neu gyfreithiol",
    "AASD": "Absenoldeb derbyniol – sesiwn wedi'i chanslo",
    "RSSR": "Aildrefnwyd – cais y gwasanaeth",
    "RSOF": "Aildrefnwyd – cais yr unigolyn",
}
ACTIONS_CY = {
    "ROM": "Cyfeirio at y rheolwr troseddwr",
    "EA02": "Llythyr rhybudd cyntaf wedi'i anfon",
    "EA08": "Llythyr torri gorchymyn wedi'i anfon",
    "BRE01": "Gofynnwyd am achos torri gorchymyn",
    "BRE02": "Cais torri gorchymyn wedi'i weithredu",
    "EA12": "Penderfyniad yn aros am ymateb gan yr unigolyn",
    "EA06": "Tynnu'r llythyr rhybudd yn ôl",
    "NFA": "Dim camau pellach",
}

TEXT: dict[str, dict[Language, str]] = {
    "dear": {EN: "Dear {name}", CY: "Annwyl {name}"},
    "reference": {EN: "Our reference", CY: "Ein cyfeirnod"},
    "date": {EN: "Date", CY: "Dyddiad"},
    "yours": {EN: "Yours sincerely", CY: "Yn gywir"},
    "team": {EN: "Unpaid Work team, {office}", CY: "Tîm Gwaith Di-dâl, {office}"},
    "phone": {EN: "Phone", CY: "Ffôn"},
    # The warning letter: Sentencing Act 2020 Sch 10 para 6(4) and Sch 16 para 6(4).
    "warning_title": {EN: "First warning", CY: "Rhybudd cyntaf"},
    "warning_subtitle": {EN: "You did not comply with your unpaid work",
                         CY: "Nid ydych wedi cydymffurfio â'ch gwaith di-dâl"},
    "order_intro": {
        EN: "You must do {hours} of unpaid work (Community Payback) as part of the {order} "
            "made by {court} on {date}.",
        CY: "Mae'n rhaid i chi wneud {hours} o waith di-dâl (Payback Cymunedol) fel rhan o'r "
            "{order} a wnaed gan {court} ar {date}."},
    "what_happened": {EN: "What happened", CY: "Beth ddigwyddodd"},
    "failure_UAAB": {
        EN: "On {date} you did not attend your unpaid work session at {project}, from {start} "
            "to {end}, and you have not given an acceptable reason.",
        CY: "Ar {date} ni wnaethoch fynychu eich sesiwn gwaith di-dâl yn {project}, o {start} "
            "tan {end}, ac nid ydych wedi rhoi rheswm derbyniol."},
    "failure_AFTC": {
        EN: "On {date} you attended your unpaid work session at {project}, from {start} to "
            "{end}, but you did not comply with what was required of you (for example by "
            "arriving late, leaving early without permission, or not wearing the protective "
            "clothing provided).",
        CY: "Ar {date} fe wnaethoch fynychu eich sesiwn gwaith di-dâl yn {project}, o {start} "
            "tan {end}, ond ni wnaethoch gydymffurfio â'r hyn oedd yn ofynnol gennych (er "
            "enghraifft drwy gyrraedd yn hwyr, gadael yn gynnar heb ganiatâd, neu beidio â "
            "gwisgo'r dillad diogelwch a ddarparwyd)."},
    "failure_ATSH": {
        EN: "On {date} you were sent home from your unpaid work session at {project}, from "
            "{start} to {end}, because of your behaviour.",
        CY: "Ar {date} cawsoch eich anfon adref o'ch sesiwn gwaith di-dâl yn {project}, o "
            "{start} tan {end}, oherwydd eich ymddygiad."},
    "unacceptable": {EN: "This failure to comply with your order is unacceptable.",
                     CY: "Mae'r methiant hwn i gydymffurfio â'ch gorchymyn yn annerbyniol."},
    "formal_warning": {EN: "This is a formal warning", CY: "Mae hwn yn rhybudd ffurfiol"},
    "consequence": {
        EN: "If you fail again to comply with any requirement of your order within 12 months "
            "of the date of this warning, that is on or before {end}, you will be referred for "
            "breach proceedings and you will be liable to be brought back before the court. "
            "The court can then make your order more demanding, fine you, or re-sentence you.",
        CY: "Os byddwch yn methu eto â chydymffurfio ag unrhyw un o ofynion eich gorchymyn o "
            "fewn 12 mis i ddyddiad y rhybudd hwn, hynny yw ar {end} neu cyn hynny, byddwch yn "
            "cael eich cyfeirio ar gyfer achos torri gorchymyn a byddwch yn agored i gael eich "
            "dwyn yn ôl gerbron y llys. Gall y llys wedyn wneud eich gorchymyn yn fwy llym, "
            "rhoi dirwy i chi, neu eich ailddedfrydu."},
    "what_now": {EN: "What you must do now", CY: "Beth sy'n rhaid i chi ei wneud nawr"},
    "next_session": {
        EN: "Go to your next unpaid work session as arranged. You have {hours} left to work.",
        CY: "Ewch i'ch sesiwn gwaith di-dâl nesaf fel y trefnwyd. Mae gennych {hours} ar ôl "
            "i'w gweithio."},
    "contact_us": {
        EN: "If there was a good reason for what happened that you have not told us about, "
            "contact us by {date}{phone}.",
        CY: "Os oedd rheswm da dros yr hyn a ddigwyddodd nad ydych wedi'i ddweud wrthym, "
            "cysylltwch â ni erbyn {date}{phone}."},
    "on_phone": {EN: " on {phone}", CY: " ar {phone}"},
    # The completion letter.
    "completion_title": {EN: "You have completed your unpaid work",
                         CY: "Rydych wedi cwblhau eich gwaith di-dâl"},
    "completion_intro": {
        EN: "I am pleased to confirm that you have completed the {hours} of unpaid work "
            "(Community Payback) that {court} ordered on {date} as part of your {order}.",
        CY: "Rwy'n falch o gadarnhau eich bod wedi cwblhau'r {hours} o waith di-dâl (Payback "
            "Cymunedol) a orchmynnwyd gan {court} ar {date} fel rhan o'ch {order}."},
    "finished_on": {EN: "You finished on {date}.", CY: "Fe wnaethoch orffen ar {date}."},
    "worked_at": {EN: "You worked at: {projects}.", CY: "Buoch yn gweithio yn: {projects}."},
    "incentive": {
        EN: "Your hours were reduced by {hours} because you kept to your unpaid work (the "
            "incentive scheme).",
        CY: "Cafodd eich oriau eu lleihau {hours} oherwydd eich bod wedi cadw at eich gwaith "
            "di-dâl (y cynllun cymhelliant)."},
    "thanks": {EN: "Thank you for the work you have done for the community.",
               CY: "Diolch am y gwaith rydych wedi'i wneud i'r gymuned."},
    "standalone_done": {EN: "Your unpaid work requirement is now finished.",
                        CY: "Mae eich gofyniad gwaith di-dâl bellach wedi dod i ben."},
    "others_continue": {
        EN: "Your unpaid work requirement is finished, but the other requirements of your "
            "order continue until they end. Your probation practitioner will tell you about "
            "them.",
        CY: "Mae eich gofyniad gwaith di-dâl wedi dod i ben, ond mae gofynion eraill eich "
            "gorchymyn yn parhau nes iddynt ddod i ben. Bydd eich ymarferydd prawf yn dweud "
            "wrthych amdanynt."},
    "keep_letter": {EN: "Please keep this letter as a record.",
                    CY: "Cadwch y llythyr hwn fel cofnod."},
}


def t(key: str, language: Language, **values: str) -> str:
    """The wording of ``key`` in ``language`` (English for any other language)."""
    entry = TEXT[key]
    return entry.get(language, entry[EN]).format(**values)


def lang(language: Language) -> Language:
    """Welsh for Welsh speakers, English otherwise: the two versions the service offers."""
    return CY if language == CY else EN


def template_language(language: Language) -> str:
    """The shared template's language code ("cy" or "en") for a letter's language."""
    return "cy" if lang(language) == CY else "en"


def long_date(day: dt.date, language: Language) -> str:
    return f"{day.day} {_MONTHS[lang(language)][day.month - 1]} {day.year}"


def weekday_date(day: dt.date, language: Language) -> str:
    """The day with its weekday, in the form that follows "On" / "Ar"."""
    return f"{_WEEKDAYS[lang(language)][day.weekday()]} {long_date(day, language)}"


def hours_text(minutes: int, language: Language) -> str:
    """``90`` -> "1 hour 30 minutes" / "1 awr 30 munud" (Welsh keeps the singular noun)."""
    hours, rest = divmod(max(0, minutes), 60)
    if lang(language) == CY:
        text = f"{hours} awr"
        return f"{text} {rest} munud" if rest else text
    text = f"{hours} hour" + ("" if hours == 1 else "s")
    if rest:
        text += f" {rest} minute" + ("" if rest == 1 else "s")
    return text


def order_type_text(order_type: OrderType, language: Language) -> str:
    return _ORDER_TYPES[order_type][lang(language)]


@dataclass(frozen=True, slots=True)
class LetterHead:
    """Who the letter is to and from; names, addresses and phone numbers only."""

    language: Language
    person_name: str
    address_lines: tuple[str, ...]
    crn: str
    office_name: str
    office_lines: tuple[str, ...]
    office_phone: str | None
    letter_date: dt.date
    signatory: str


def letter_head(head: LetterHead) -> list[Flowable]:
    """Addressee on the left (for a window envelope), the office on the right, then dates."""
    s = get_styles()
    language = lang(head.language)
    to = "<br/>".join([f"<b>{escape(head.person_name)}</b>",
                       *(escape(line) for line in head.address_lines)])
    office = [f"<b>{escape(head.office_name)}</b>", *(escape(x) for x in head.office_lines)]
    if head.office_phone:
        office.append(f"{t('phone', language)}: {escape(head.office_phone)}")
    office += ["", f"{t('reference', language)}: {escape(head.crn)}",
               f"{t('date', language)}: {long_date(head.letter_date, language)}"]
    table = Table([[Paragraph(to, s.body), Paragraph("<br/>".join(office), s.body)]],
                  colWidths=[100 * mm, 74 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Spacer(1, 10 * mm)]


def sign_off(head: LetterHead) -> list[Flowable]:
    s = get_styles()
    language = lang(head.language)
    return [Spacer(1, 6 * mm), Paragraph(t("yours", language), s.body), Spacer(1, 12 * mm),
            Paragraph(f"<b>{escape(head.signatory)}</b><br/>"
                      f"{escape(t('team', language, office=head.office_name))}", s.body)]
