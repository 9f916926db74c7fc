"""Glossary terms: the supervisor's work sheet, the driver's van manifest and "Records to check".

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them. The English of the
health-and-safety alerts, project types and site notes is the application's own list
(``upw_ttg/domain``); only the Welsh is written here, next to that English.
"""

from __future__ import annotations

from upw_ttg.domain.access import RESTRICTED_TEXT
from upw_ttg.domain.codes import (
    ALLERGY_ACTIONS,
    MEDICATION_EFFECTS,
    PROJECT_TYPES,
    SUITABILITY_TAGS,
)
from upw_ttg.domain.records_to_check import TITLE as RECORDS_TO_CHECK
from upw_ttg.domain.records_to_check import UNWORKABLE
from upw_ttg.domain.site_alerts import ALERT_TEXTS
from upw_ttg.printing.glossary.term import Term

_ALERTS_CY = {
    "not_assessed": ("Iechyd a diogelwch heb ei asesu: gofynnwch i'r swyddfa cyn i'r gwaith "
                     "ddechrau"),
    "epilepsy": "Epilepsi neu golli ymwybyddiaeth",
    "allergy": "Alergedd — {action}",
    "allergy_trigger": "Alergedd ({trigger}) — {action}",
    "allergy_action_missing": "heb gofnodi beth i'w wneud, gofynnwch i'r swyddfa",
    "pregnancy": "Yn feichiog neu wedi rhoi genedigaeth yn ddiweddar",
    "mobility": "Symudedd — {detail}",
    "mobility_ask": "Symudedd — gofynnwch i'r swyddfa",
    "medication_missing": ("Meddyginiaeth — effaith ar ddiogelwch heb ei chofnodi, gofynnwch "
                           "i'r swyddfa"),
    "medication": "Meddyginiaeth — {effect}",
    "effect_missing": "effaith ar ddiogelwch heb ei chofnodi, gofynnwch i'r swyddfa",
    "interpreter": "Angen cyfieithydd ({spoken})",
    "interpreter_unknown": "Angen cyfieithydd",
}
_ALLERGY_ACTIONS_CY = {
    "adrenaline_pen": "Yn cario pen adrenalin: defnyddiwch ef a ffoniwch 999",
    "antihistamine": "Yn cario gwrth-histamin; ffoniwch 999 os effeithir ar yr anadlu",
    "call_999": "Nid yw'n cario meddyginiaeth: ffoniwch 999 os yw'r adwaith yn ddifrifol",
    "avoid_only": "Ysgafn: cadwch yr unigolyn draw o'r hyn sy'n ei achosi",
}
_MEDICATION_EFFECTS_CY = {
    "drowsy": "Gall fod yn gysglyd: dim offer pŵer, ysgolion na gyrru",
    "low_blood_sugar": "Perygl o siwgr gwaed isel: gadewch iddynt fwyta pan fo angen",
    "bleeds_easily": "Yn gwaedu'n hawdd: cymorth cyntaf ar unwaith i unrhyw doriad",
    "dose_during_session": "Yn cymryd dos yn ystod y sesiwn: caniatewch egwyl",
    "sun_sensitive": "Sensitif i'r haul: cysgod, gorchudd ac eli haul",
    "no_effect_on_site": "Dim effaith ar y gwaith ar y safle",
}
_PROJECT_TYPES_CY = {
    "group": "Lleoliad grŵp", "individual": "Lleoliad unigol", "induction": "Sesiwn gynefino",
    "ete": "Addysg, hyfforddiant a chyflogaeth",
}
_SITE_TAGS_CY = {
    "children_present": "Ysgol neu blant yn bresennol",
    "vulnerable_adults_present": "Oedolion agored i niwed yn bresennol",
    "public_facing": "Yn wynebu'r cyhoedd", "lone_working": "Gweithio ar eich pen eich hun",
    "heavy_lifting": "Codi pethau trwm", "indoor": "Dan do",
    "wheelchair_accessible": "Hygyrch i gadeiriau olwyn", "female_only": "Menywod yn unig",
}

TERMS: tuple[Term, ...] = (
    # --- Health-and-safety alerts on the work sheet (rule DOC-2) -----------------------------
    *(Term(f"alert.{key}", en, _ALERTS_CY[key], "Work sheet: one alert per line.")
      for key, en in ALERT_TEXTS.items()),
    *(Term(f"allergy_action.{code}", en, _ALLERGY_ACTIONS_CY[code],
           "Work sheet: what to do if the person reacts.") for code, en in ALLERGY_ACTIONS),
    *(Term(f"medication_effect.{code}", en, _MEDICATION_EFFECTS_CY[code],
           "Work sheet: how medication affects safety; never the medicine's name.")
      for code, en in MEDICATION_EFFECTS),
    *(Term(f"project_type.{code}", en, _PROJECT_TYPES_CY[code]) for code, en in PROJECT_TYPES),
    *(Term(f"site_tag.{code}", en, _SITE_TAGS_CY[code], "Work sheet: notes about the site.")
      for code, en in SUITABILITY_TAGS),
    Term("language.welsh", en="Welsh", cy="Cymraeg",
         note="The language an interpreter is needed for."),
    Term("alert.restricted", en="Restricted case: the staff named on it brief the supervisor",
         cy="Achos cyfyngedig: y staff a enwir arno sy'n briffio'r goruchwyliwr"),
    # --- The supervisor's work sheet ----------------------------------------------------------
    Term("work_sheet.title", en="Work sheet", cy="Taflen waith"),
    Term("work_sheet.sheet", en="SHEET", cy="TAFLEN"),
    Term("work_sheet.heading",
         en="Work sheet: {project} · {date} {times} · Supervisor: {supervisors}",
         cy="Taflen waith: {project} · {date} {times} · Goruchwyliwr: {supervisors}",
         note="The line at the top of every page."),
    Term("work_sheet.no_supervisor", en="no supervisor assigned",
         cy="dim goruchwyliwr wedi'i neilltuo"),
    Term("work_sheet.times", en="{start} to {end}", cy="{start} tan {end}"),
    Term("work_sheet.break", en="{minutes} min unpaid break",
         cy="Egwyl ddi-dâl o {minutes} munud",
         note="'egwyl' is feminine: 'ddi-dâl' takes the soft mutation."),
    Term("work_sheet.site", en="Site: ", cy="Safle: "),
    Term("work_sheet.beneficiary", en="Beneficiary: ", cy="Buddiolwr: "),
    Term("work_sheet.supervisor", en="Supervisor: ", cy="Goruchwyliwr: "),
    Term("work_sheet.none_assigned", en="NONE ASSIGNED", cy="DIM UN WEDI'I NEILLTUO"),
    Term("work_sheet.van", en="Van: ", cy="Fan: "),
    Term("work_sheet.no_van", en="No van", cy="Dim fan"),
    Term("work_sheet.call_office", en="Call {office}: ", cy="Ffoniwch {office}: ",
         note="{office} is the office's name, printed as recorded (not mutated)."),
    Term("work_sheet.call_the_office", en="Call the office: ", cy="Ffoniwch y swyddfa: "),
    Term("work_sheet.no_number", en="number not recorded", cy="dim rhif wedi'i gofnodi"),
    Term("work_sheet.hi_vis", en="HI-VIS VESTS REQUIRED", cy="RHAID GWISGO FESTIAU LLACHAR"),
    Term("work_sheet.no_hi_vis", en="Hi-vis not required", cy="Dim angen fest lachar"),
    Term("work_sheet.female_only", en="Female-only session", cy="Sesiwn i fenywod yn unig"),
    Term("work_sheet.no_site_notes", en="No site notes", cy="Dim nodiadau am y safle"),
    Term("work_sheet.own_way", en="Own way to site", cy="Teithio'n annibynnol"),
    Term("work_sheet.no_alerts", en="None recorded", cy="Dim wedi'u cofnodi"),
    Term("work_sheet.nobody", en="Nobody is booked on this session.",
         cy="Does neb wedi'i archebu ar y sesiwn hon."),
    Term("work_sheet.all_to_check", en="Everyone booked is named under Records to check.",
         cy="Mae pawb a archebwyd wedi'u henwi o dan Cofnodion i'w gwirio."),
    # Column headers: "\n" is where the header breaks; each line must fit its narrow column.
    Term("work_sheet.col_number", en="No.", cy="Rh.", note="Rh.: the usual short form of Rhif."),
    Term("work_sheet.col_name", en="Name", cy="Enw"),
    Term("work_sheet.col_crn", en="CRN", cy="CRN",
         note="The national case reference number: the same code in both languages."),
    Term("work_sheet.col_pickup", en="Pick-up", cy="Man casglu"),
    Term("work_sheet.col_alerts", en="Health and safety", cy="Iechyd a diogelwch"),
    Term("work_sheet.col_start", en="Start", cy="Dech-\nrau"),
    Term("work_sheet.col_end", en="End", cy="Gor-\nffen"),
    Term("work_sheet.col_penalty", en="Penalty\n(mins)", cy="Cosb\n(mun.)"),
    Term("work_sheet.col_outcome", en="Outcome\ncode", cy="Cod can-\nlyniad"),
    Term("work_sheet.col_quality", en="Work\nquality", cy="Safon\ngwaith"),
    Term("work_sheet.col_behaviour", en="Beha-\nviour", cy="Ym-\nddyg-\niad"),
    Term("work_sheet.col_hi_vis", en="Hi-vis\nY/N", cy="Fest\nI/N",
         note="I/N: Ie/Na, written by the supervisor."),
    Term("work_sheet.col_initials", en="Person's\ninitials", cy="Llyth-\nrennau\ncyntaf"),
    Term("work_sheet.col_notes", en="Notes", cy="Nodiadau"),
    # The key under the register and the supervisor's signature.
    Term("work_sheet.key_outcome", en="Outcome: ", cy="Canlyniad: "),
    Term("work_sheet.not_arrived",
         en="Not arrived: leave the outcome blank and write “not here” in Notes.",
         cy="Heb gyrraedd: gadewch y canlyniad yn wag ac ysgrifennwch “absennol” yn Nodiadau."),
    Term("work_sheet.key_ratings", en="Quality and behaviour: ", cy="Safon ac ymddygiad: "),
    *(Term(f"rating.{code}", en, cy, "The letter is the register's code, the same in both "
                                     "languages; the word explains it.")
      for code, en, cy in (("excellent", "E excellent", "E rhagorol"),
                           ("good", "G good", "G da"),
                           ("satisfactory", "S satisfactory", "S boddhaol"),
                           ("poor", "P poor", "P gwael"),
                           ("unsatisfactory", "U unsatisfactory", "U anfoddhaol"))),
    Term("work_sheet.key_times", en=" · Times: ", cy=" · Amseroedd: "),
    Term("work_sheet.clock", en="24-hour clock", cy="cloc 24 awr"),
    Term("work_sheet.signature", en="Supervisor's\nsignature", cy="Llofnod y\ngoruchwyliwr"),
    Term("work_sheet.print_name", en="Print\nname", cy="Enw mewn\nprint"),
    # --- The driver's van manifest --------------------------------------------------------
    Term("manifest.title", en="Van manifest", cy="Rhestr teithwyr y fan"),
    Term("manifest.registration", en="registration", cy="cofrestriad"),
    Term("manifest.seats", en="{booked} of {seats} seats booked",
         cy="{booked} o {seats} sedd wedi'u harchebu",
         note="Welsh keeps the singular 'sedd' after a number."),
    Term("manifest.driver",
         en=("For the driver: collect in this order and tick each person on board. Call the "
             "office on {phone} if someone is not there; do not wait more than 10 minutes."),
         cy=("I'r gyrrwr: casglwch yn y drefn hon a thiciwch bob person sydd yn y fan. Ffoniwch "
             "y swyddfa ar {phone} os nad yw rhywun yno; peidiwch ag aros mwy na 10 munud.")),
    Term("manifest.driver_no_phone",
         en=("For the driver: collect in this order and tick each person on board. Call the "
             "office if someone is not there; do not wait more than 10 minutes."),
         cy=("I'r gyrrwr: casglwch yn y drefn hon a thiciwch bob person sydd yn y fan. Ffoniwch "
             "y swyddfa os nad yw rhywun yno; peidiwch ag aros mwy na 10 munud.")),
    Term("manifest.all_to_check",
         en="Everyone booked to travel by van is named under Records to check.",
         cy=("Mae pawb a archebwyd i deithio yn y fan wedi'u henwi o dan Cofnodion i'w "
             "gwirio.")),
    Term("manifest.nobody", en="Nobody is booked to travel by van.",
         cy="Does neb wedi'i archebu i deithio yn y fan."),
    Term("manifest.drops", en="Drop-offs", cy="Mannau gollwng"),
    Term("manifest.col_time", en="Time", cy="Amser"),
    Term("manifest.col_pickup", en="Pick-up point", cy="Man casglu"),
    Term("manifest.col_name", en="Name", cy="Enw"),
    Term("manifest.col_phone", en="Phone", cy="Ffôn"),
    Term("manifest.col_on", en="On", cy="Yn y fan", note="Ticked when the person is aboard."),
    Term("manifest.no_phone", en="No phone", cy="Dim ffôn"),
    Term("manifest.col_project", en="Project", cy="Prosiect"),
    Term("manifest.col_site", en="Site", cy="Safle"),
    Term("manifest.col_work", en="Work", cy="Gwaith"),
    Term("manifest.col_supervisor", en="Supervisor", cy="Goruchwyliwr"),
    Term("manifest.by_van", en="{count} by van", cy="{count} yn y fan"),
    Term("manifest.not_assigned", en="Not assigned", cy="Heb ei neilltuo"),
    Term("manifest.passenger", en="passenger", cy="teithiwr"),
    Term("manifest.passenger_to_check",
         en=("Could not be listed with a pick-up: ask the office where to collect them before "
             "setting off."),
         cy=("Nid oedd modd ei restru gyda man casglu: gofynnwch i'r swyddfa ble i gasglu'r "
             "unigolyn cyn cychwyn.")),
    # --- "Records to check": rows a staff document could not print ---------------------------
    Term("to_check.title", en=RECORDS_TO_CHECK, cy="Cofnodion i'w gwirio"),
    Term("to_check.col_crn", en="CRN", cy="CRN"),
    Term("to_check.col_name", en="Name", cy="Enw"),
    Term("to_check.col_record", en="Record", cy="Cofnod"),
    Term("to_check.col_what", en="What to check", cy="Beth i'w wirio"),
    Term("to_check.one",
         en=("1 record could not be printed on {what}, so it is named here instead. Ask the "
             "office to correct it, then print again."),
         cy=("Nid oedd modd argraffu 1 cofnod ar {what}, felly mae wedi'i enwi yma yn lle "
             "hynny. Gofynnwch i'r swyddfa ei gywiro, yna argraffwch eto.")),
    Term("to_check.many",
         en=("{count} records could not be printed on {what}, so they are named here instead. "
             "Ask the office to correct them, then print again."),
         cy=("Nid oedd modd argraffu {count} cofnod ar {what}, felly maent wedi'u henwi yma yn "
             "lle hynny. Gofynnwch i'r swyddfa eu cywiro, yna argraffwch eto.")),
    Term("to_check.this_sheet", en="this sheet", cy="y daflen hon"),
    Term("to_check.this_manifest", en="this manifest", cy="y rhestr hon"),
    Term("to_check.the_letters", en="the appointment letters", cy="y llythyrau apwyntiad",
         note="At the end of a day's batch: the letters a record could not be printed on."),
    # Which record was set aside, and why: the reasons the application gives.
    Term("to_check.record.unpaid_work_order", en="Unpaid Work order",
         cy="Gorchymyn gwaith di-dâl"),
    Term("to_check.record.appointment_letter", en="appointment letter",
         cy="llythyr apwyntiad"),
    Term("to_check.restricted", en=RESTRICTED_TEXT, cy="Cyfyngedig",
         note="A restricted case: only the staff named on it see more than the name and CRN."),
    Term("to_check.reason_dates",
         en="Check the {dates}: dates of record fall between 1900 and 2100.",
         cy="Gwiriwch: {dates}. Rhaid i ddyddiadau cofnod fod rhwng 1900 a 2100.",
         note=("{dates} lists each date that cannot be right, with its name: 'terfyn amser "
               "(1 Ionawr 1800)'; several are separated by semicolons.")),
    Term("to_check.reason_unworkable", en=UNWORKABLE,
         cy=("Nid oedd modd ei gyfrifo o'r hyn sydd ar gofnod: gwiriwch ei ddyddiadau a'i "
             "oriau, neu gofynnwch i rywun wirio'r gronfa ddata.")),
    *(Term(f"to_check.date.{label.replace(' ', '_')}", label, cy,
           "A date's name in a reason, lower case.")
      for label, cy in (("sentence date", "dyddiad dedfrydu"), ("deadline", "terfyn amser"),
                        ("session date", "dyddiad y sesiwn"),
                        ("appointment date", "dyddiad yr apwyntiad"),
                        ("date due", "dyddiad dyledus"), ("issue date", "dyddiad cyhoeddi"),
                        ("request date", "dyddiad y cais"))),
)
