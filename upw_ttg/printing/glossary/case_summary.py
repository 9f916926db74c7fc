"""Glossary terms: the staff case summary (a person's details, orders and custody episodes).

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them. The custody dates and
release types are the handover pack's terms (``custody_date.*``, ``release_type.*``): one
translation for both documents.
"""

from __future__ import annotations

from upw_ttg.printing.glossary.term import Term

TERMS: tuple[Term, ...] = (
    # --- The heading and the sections -------------------------------------------------------
    Term("case_summary.title", en="Case summary", cy="Crynodeb o'r achos"),
    Term("case_summary.staff_only",
         en=("For staff use only. Contains personal information: keep it secure and shred it "
             "when no longer needed."),
         cy=("At ddefnydd staff yn unig. Mae'n cynnwys gwybodaeth bersonol: cadwch ef yn "
             "ddiogel a'i rwygo pan na fydd ei angen mwyach.")),
    Term("case_summary.section_details", en="Personal details", cy="Manylion personol"),
    Term("case_summary.section_orders", en="Unpaid work orders ({count})",
         cy="Gorchmynion gwaith di-dâl ({count})"),
    Term("case_summary.section_custody", en="Custody episodes ({count})",
         cy="Cyfnodau yn y ddalfa ({count})"),
    Term("case_summary.section_other", en="Other information", cy="Gwybodaeth arall"),
    Term("case_summary.none_recorded", en="None recorded.", cy="Dim wedi'i gofnodi."),
    Term("case_summary.none", en="None recorded", cy="Dim wedi'i gofnodi",
         note="In a table cell, without a full stop."),
    Term("case_summary.not_recorded", en="Not recorded", cy="Heb ei gofnodi"),
    Term("case_summary.hours_note", en="Hours are shown as hours:minutes.",
         cy="Dangosir yr oriau fel oriau:munudau."),
    # --- Personal details ---------------------------------------------------------------------
    Term("case_summary.name", en="Name", cy="Enw"),
    Term("case_summary.known_as", en="Known as {name}", cy="Enw arferol: {name}",
         note="The name the person goes by. Worded so it needs no mutation or gender."),
    Term("case_summary.crn", en="CRN", cy="CRN",
         note="The national case reference number: the same code in both languages."),
    Term("case_summary.date_of_birth", en="Date of birth", cy="Dyddiad geni"),
    Term("case_summary.age", en="{date} (age {age})", cy="{date} ({age} oed)"),
    Term("case_summary.gender", en="Gender", cy="Rhywedd"),
    Term("case_summary.gender_identity", en="Gender identity: {identity}",
         cy="Hunaniaeth rhywedd: {identity}"),
    *(Term(f"case_summary.gender.{code}", en, cy) for code, en, cy in (
        ("male", "Male", "Gwryw"), ("female", "Female", "Benyw"),
        ("not_stated", "Not stated", "Heb ei nodi"))),
    Term("case_summary.address", en="Address", cy="Cyfeiriad"),
    Term("case_summary.phone", en="Phone", cy="Ffôn"),
    Term("case_summary.emergency_contact", en="Emergency contact",
         cy="Cyswllt mewn argyfwng"),
    Term("case_summary.preferred_language", en="Preferred language", cy="Dewis iaith"),
    *(Term(f"case_summary.language.{code}", en, cy) for code, en, cy in (
        ("english", "English", "Saesneg"), ("welsh", "Welsh (Cymraeg)", "Cymraeg"))),
    Term("case_summary.interpreter", en="Interpreter", cy="Cyfieithydd"),
    Term("case_summary.interpreter_needed", en="Needed", cy="Angen"),
    Term("case_summary.interpreter_not_needed", en="Not needed", cy="Dim angen"),
    Term("case_summary.office", en="Office", cy="Swyddfa"),
    Term("case_summary.officer", en="Responsible officer", cy="Swyddog cyfrifol"),
    # --- Unpaid work orders -------------------------------------------------------------------
    # Column headers: each word must fit its narrow column (hours are numbers).
    Term("case_summary.col_order", en="Order", cy="Gorchymyn"),
    Term("case_summary.col_ordered", en="Ordered", cy="Wedi'u pennu",
         note="The hours the court set."),
    Term("case_summary.col_credited", en="Credited", cy="Wedi'u credydu"),
    Term("case_summary.col_adjusted", en="Adjusted", cy="Wedi'u haddasu"),
    Term("case_summary.col_remaining", en="Remaining", cy="Ar ôl"),
    Term("case_summary.col_status", en="Status", cy="Statws"),
    Term("case_summary.col_deadline", en="Deadline", cy="Terfyn amser"),
    *(Term(f"case_summary.order_type.{code}", en, cy) for code, en, cy in (
        ("community_order", "Community order", "Gorchymyn cymunedol"),
        ("suspended_sentence_order", "Suspended sentence order",
         "Gorchymyn dedfryd ohiriedig"))),
    *(Term(f"case_summary.subtype.{code}", en, cy) for code, en, cy in (
        ("regular", "Regular", "Arferol"), ("additional_hours", "Additional hours",
                                            "Oriau ychwanegol"),
        ("concurrent", "Concurrent", "Cydredol"), ("consecutive", "Consecutive", "Olynol"))),
    Term("case_summary.standalone", en="standalone", cy="ar ei ben ei hun",
         note="An order with unpaid work as its only requirement."),
    Term("case_summary.with_others", en="with other requirements", cy="gyda gofynion eraill"),
    Term("case_summary.sentenced", en="Sentenced {date}", cy="Dedfrydwyd {date}"),
    *(Term(f"case_summary.status.{code}", en, cy) for code, en, cy in (
        ("awaiting_first_session", "Awaiting first session", "Yn aros am y sesiwn gyntaf"),
        ("active", "Active", "Ar waith"), ("completed", "Completed", "Wedi'i gwblhau"),
        ("deadline_passed", "Deadline passed", "Terfyn amser wedi mynd heibio"),
        ("in_breach", "In breach", "Wedi'i dorri"), ("closed", "Closed", "Wedi'i gau"))),
    Term("case_summary.no_limit", en="No limit", cy="Dim terfyn"),
    Term("case_summary.no_limit_was", en="no limit", cy="dim terfyn",
         note="The deadline before an extension, when there was none."),
    Term("case_summary.extension", en="{count} extension; was {was}",
         cy="{count} estyniad; cyn hynny {was}"),
    Term("case_summary.extensions", en="{count} extensions; was {was}",
         cy="{count} estyniad; cyn hynny {was}",
         note="Welsh keeps the singular 'estyniad' after a number."),
    # --- Custody episodes ---------------------------------------------------------------------
    Term("case_summary.col_prison", en="Prison", cy="Carchar"),
    Term("case_summary.col_prison_number", en="Prison no.", cy="Rhif carchar"),
    Term("case_summary.col_reception", en="Reception", cy="Derbyn"),
    Term("case_summary.col_release", en="Expected release", cy="Rhyddhau disgwyliedig"),
    Term("case_summary.col_other_dates", en="Other dates", cy="Dyddiadau eraill"),
    *(Term(f"case_summary.custody_status.{code}", en, cy) for code, en, cy in (
        ("in_custody", "In custody", "Yn y ddalfa"), ("released", "Released", "Rhyddhawyd"))),
    Term("case_summary.not_known", en="Not known", cy="Ddim yn hysbys"),
    Term("case_summary.screening", en="Screening", cy="Sgrinio"),
    Term("case_summary.sentence_length", en="Sentence length", cy="Hyd y ddedfryd"),
    Term("case_summary.days", en="{days} days", cy="{days} diwrnod",
         note="Welsh keeps the singular 'diwrnod' after a number."),
)
