"""Glossary terms: the subject access export, everything held on a person, given to them.

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them. The kinds of record are
the application's tables (their English is the table's name in words); the access log's
words (opened, printed, for whom) are the application's own list (``upw_ttg/domain/access``);
only the Welsh is written here, beside that English. The names of the fields inside each
record are printed as the JSON file names them, so the two files match; in Welsh the fields of
the person's own details and the commonest others also have a Welsh name, printed first.
"""

from __future__ import annotations

from upw_ttg.domain.access import (
    ACTION_LABELS,
    RECIPIENT_LABELS,
    RECORD_LABELS,
    AccessAction,
    AccessedRecord,
    Recipient,
)
from upw_ttg.printing.glossary.term import Term
from upw_ttg.records.subject_access import TableRows

TITLE_CY = "Allforio ar gyfer cais gwrthrych am wybodaeth"

# The kinds of record, by table. A table added later prints under its English name until
# its Welsh is added here.
_TABLES_CY = {
    "person": "Unigolyn", "person_access": "Mynediad at yr achos",
    "keep_apart": "Cadw ar wahân", "case_change": "Newid i'r achos",
    "case_review": "Adolygiad o'r achos", "review_due": "Adolygiad sy'n ddyledus",
    "text_message": "Neges destun", "upw_order": "Gorchymyn gwaith di-dâl",
    "upw_order_month": "Mis o orchymyn gwaith di-dâl", "order_extension": "Estyniad i orchymyn",
    "upw_assessment": "Asesiad gwaith di-dâl", "assessment_commitment": "Ymrwymiad yn yr asesiad",
    "appointment": "Apwyntiad", "appointment_skill": "Sgil a ddangoswyd mewn apwyntiad",
    "adjustment": "Addasiad i'r oriau", "booking_breach": "Archeb sy'n torri rheol",
    "enforcement_action": "Cam gorfodi", "enforcement_review": "Adolygiad gorfodi",
    "travel_warrant": "Gwarant teithio",
    "national_export_item": "Eitem a anfonwyd i'r cofnod cenedlaethol",
    "custody_episode": "Cyfnod yn y ddalfa", "custody_event": "Digwyddiad yn y ddalfa",
    "custody_date_change": "Newid i ddyddiad yn y ddalfa",
    "resettlement_plan": "Cynllun ailsefydlu", "plan_need": "Angen yn y cynllun",
    "need_progress": "Cynnydd ar angen", "plan_action": "Cam gweithredu yn y cynllun",
    "plan_strength": "Cryfder yn y cynllun", "plan_diversity_need": "Angen amrywiaeth yn y cynllun",
    "plan_consent": "Caniatâd yn y cynllun", "pre_release_review": "Adolygiad cyn rhyddhau",
    "referral": "Atgyfeiriad", "handover": "Trosglwyddo",
    "handover_contact": "Cysylltiad trosglwyddo", "risk_change": "Newid i'r risg",
    "risk_change_contact": "Cysylltiad am newid i'r risg",
}
_AUDIT_ACTIONS_CY = {
    "create": "creu", "update": "diweddaru", "delete": "dileu", "sign_in": "mewngofnodi",
    "sign_in_failed": "methu mewngofnodi", "print": "argraffu",
}
_ACCESS_ACTIONS_CY = {AccessAction.VIEW: "Agorwyd", AccessAction.PRINT: "Argraffwyd",
                      AccessAction.EXPORT: "Allforiwyd"}
_RECORDS_CY = {
    AccessedRecord.UPW_ASSESSMENT: "Asesiad gwaith di-dâl",
    AccessedRecord.PLAN_RISK: "Cynllun ailsefydlu (risg o niwed)",
    AccessedRecord.SENSITIVE_NOTES: "Nodiadau sensitif am sesiwn",
    AccessedRecord.HANDOVER: "Cofnod trosglwyddo",
    AccessedRecord.CASE_SUMMARY: "Crynodeb o'r achos",
    AccessedRecord.DOCUMENT: "Dogfen a argraffwyd",
    AccessedRecord.SUBJECT_ACCESS: TITLE_CY,
}
_RECIPIENTS_CY = {
    Recipient.THE_PERSON: "yr unigolyn", Recipient.SUPERVISOR: "goruchwyliwr y sesiwn",
    Recipient.DRIVER: "gyrrwr y fan",
    Recipient.RESPONSIBLE_OFFICER: "y swyddog cyfrifol yn y gymuned",
    Recipient.COURT: "y llys", Recipient.CASE_FILE: "ffeil yr achos",
    Recipient.NATIONAL_RECORD: "y cofnod achos cenedlaethol",
    Recipient.SPREADSHEET: "taenlen at ddefnydd y swyddfa",
}
# Fields by the name the JSON file gives them: the person's own details, then the fields many
# kinds of record share. A field not named here prints under its JSON name alone.
_FIELDS_CY = {
    "id": "rhif adnabod", "crn": "CRN", "forename": "enw cyntaf", "middle_names": "enwau canol",
    "surname": "cyfenw", "preferred_name": "enw arferol", "date_of_birth": "dyddiad geni",
    "gender": "rhywedd", "gender_identity": "hunaniaeth rhywedd",
    "gender_category": "categori rhywedd", "address_line1": "llinell gyntaf y cyfeiriad",
    "address_line2": "ail linell y cyfeiriad", "town": "tref", "postcode": "cod post",
    "phone": "ffôn", "texts_opted_out": "wedi gwrthod negeseuon testun",
    "emergency_contact_name": "enw'r cyswllt mewn argyfwng",
    "emergency_contact_phone": "ffôn y cyswllt mewn argyfwng",
    "preferred_language": "dewis iaith", "other_language": "iaith arall",
    "interpreter_needed": "angen cyfieithydd", "office_id": "rhif y swyddfa",
    "responsible_officer": "swyddog cyfrifol", "restricted": "achos cyfyngedig",
    "created_at": "crëwyd", "updated_at": "diweddarwyd",
    "updated_by_id": "diweddarwyd gan (rhif)", "person_id": "rhif yr unigolyn",
    "kind": "math", "status": "statws", "order_id": "rhif y gorchymyn",
    "appointment_id": "rhif yr apwyntiad", "reason": "rheswm", "plan_id": "rhif y cynllun",
    "staff_id": "rhif yr aelod o staff", "episode_id": "rhif y cyfnod yn y ddalfa",
    "recorded_at": "cofnodwyd", "recorded_by_id": "cofnodwyd gan (rhif)",
    "description": "disgrifiad", "detail": "manylion", "completed_on": "cwblhawyd ar",
    "session_id": "rhif y sesiwn", "recorded_on": "dyddiad cofnodi", "court": "llys",
    "notes": "nodiadau", "outcome": "canlyniad", "start_time": "amser dechrau",
    "end_time": "amser gorffen",
}
# The documents the access log names, by the name the log stores (a van manifest's name
# also carries its date, which prints after it).
_DOCUMENTS = (
    ("appointment_letter", "Appointment letter", "Llythyr apwyntiad"),
    ("travel_warrant", "Travel warrant", "Gwarant teithio"),
    ("van_manifest", "Van manifest", "Rhestr teithwyr y fan"),
    ("work_sheet", "Work sheet", "Taflen waith"),
    ("case_summary", "Case summary", "Crynodeb o'r achos"),
    ("subject_access_export", "Subject access export", TITLE_CY),
    ("warning_letter", "Warning letter", "Llythyr rhybudd"),
    ("completion_letter", "Completion letter", "Llythyr cwblhau"),
    ("breach_summary", "Breach summary", "Crynodeb o dorri gorchymyn"),
    ("completion_certificate", "Completion certificate", "Tystysgrif cwblhau"),
    ("resettlement_plan_person_s_copy", "Resettlement plan (person's copy)",
     "Cynllun ailsefydlu (copi'r unigolyn)"),
    ("day_of_release_sheet", "Day-of-release sheet", "Taflen y diwrnod rhyddhau"),
    ("handover_pack", "Handover pack", "Pecyn trosglwyddo"),
    ("sentencers_availability_sheet", "Sentencers' availability sheet",
     "Taflen argaeledd ar gyfer dedfrydwyr"),
)

TERMS: tuple[Term, ...] = (
    # --- The document's own words -------------------------------------------------------------
    Term("subject_access.title", en="Subject access export", cy=TITLE_CY,
         note="The copy of everything held on a person that they asked for (UK GDPR art. 15)."),
    Term("subject_access.crn", en="CRN", cy="CRN",
         note="The national case reference number: the same code in both languages."),
    Term("subject_access.intro",
         en=("Everything this application holds about the person, exported by {who} on "
             "{when}. {held} of {total} kinds of record hold something; the JSON file "
             "exported with this document holds the same rows in full. Ids of other people "
             "are withheld."),
         cy=("Popeth y mae'r rhaglen hon yn ei gadw am yr unigolyn, wedi'i allforio gan {who} "
             "ar {when}. Mae rhywbeth wedi'i gadw mewn {held} o {total} math o gofnod; mae'r "
             "ffeil JSON a allforiwyd gyda'r ddogfen hon yn cynnwys yr un rhesi yn llawn. Ni "
             "ddangosir rhifau adnabod pobl eraill."),
         note="{who} is a staff member's name, printed as recorded (not mutated)."),
    Term("subject_access.field_names",
         en="Each field is named as in the JSON file.",
         cy=("Rhoddir enw pob maes fel y mae yn y ffeil JSON (yn Saesneg), mewn cromfachau "
             "ar ôl yr enw Cymraeg lle mae un."),
         note="Printed in the Welsh export only: the JSON file's names stay, so both match."),
    Term("subject_access.field", en="{name} ({json})", cy="{name} ({json})",
         note="A field's Welsh name, then its name in the JSON file."),
    Term("subject_access.section", en="{kind} ({count})", cy="{kind} ({count})",
         note="A kind of record and how many of it are held."),
    Term("subject_access.nothing_held_kinds", en="Kinds of record with nothing held",
         cy="Mathau o gofnod heb ddim wedi'i gadw"),
    Term("subject_access.trail", en="Audit trail: changes to these records ({count})",
         cy="Trywydd archwilio: newidiadau i'r cofnodion hyn ({count})"),
    Term("subject_access.access",
         en="Access log: who opened, printed or exported them ({count})",
         cy="Cofnod mynediad: pwy a'u hagorodd, a'u hargraffodd neu a'u hallforiodd ({count})"),
    Term("subject_access.nothing_held", en="Nothing held.", cy="Dim wedi'i gadw."),
    Term("subject_access.col_number", en="No.", cy="Rh.", note="Rh.: the short form of Rhif."),
    Term("subject_access.col_recorded", en="What is recorded", cy="Beth sydd wedi'i gofnodi"),
    Term("subject_access.col_when", en="When", cy="Pryd"),
    Term("subject_access.col_by", en="By", cy="Gan"),
    Term("subject_access.col_what", en="What", cy="Beth"),
    Term("subject_access.col_change", en="Change", cy="Newid"),
    Term("subject_access.col_for", en="For", cy="Ar gyfer"),
    Term("subject_access.the_system", en="the system", cy="y system",
         note="A change made by the application itself, not by a member of staff."),
    Term("subject_access.yes", en="yes", cy="ie", note="A recorded yes/no value."),
    Term("subject_access.no", en="no", cy="na"),
    # --- The kinds of record ------------------------------------------------------------------
    *(Term(f"subject_access.table.{table}", TableRows(table, (), ()).label, cy)
      for table, cy in _TABLES_CY.items()),
    # --- The fields inside the records ---------------------------------------------------------
    *(Term(f"subject_access.field.{name}", name.replace("_", " "), cy)
      for name, cy in _FIELDS_CY.items()),
    # --- The audit trail: what was done to a record -------------------------------------------
    *(Term(f"subject_access.audit.{code}", code.replace("_", " "), cy)
      for code, cy in _AUDIT_ACTIONS_CY.items()),
    # --- The access log: who opened, printed or exported, and for whom ------------------------
    *(Term(f"subject_access.access_action.{code.value}", en, _ACCESS_ACTIONS_CY[code])
      for code, en in ACTION_LABELS.items()),
    *(Term(f"subject_access.record.{code.value}", en, _RECORDS_CY[code])
      for code, en in RECORD_LABELS.items()),
    *(Term(f"subject_access.recipient.{code.value}", en, _RECIPIENTS_CY[code])
      for code, en in RECIPIENT_LABELS.items()),
    *(Term(f"subject_access.document.{key}", en, cy) for key, en, cy in _DOCUMENTS),
)
