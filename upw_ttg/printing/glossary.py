"""The one English–Welsh glossary: every fixed phrase of every person-facing document.

How to read this file (for the Welsh Language Unit): each ``Term`` is one phrase, with its key,
the English (``en``) and the Welsh (``cy``) side by side. Words in braces, such as ``{date}``
or ``{name}``, are filled in by the application (a date already in Welsh, a person's name) and
must stay as they are. ``note`` says where a phrase is used or why it is worded so. A term is
translated once here and every document takes it from here, so a correction made here reaches
every letter, warrant and sheet. ``python -m upw_ttg.printing.glossary`` lists every term as a
tab-separated table for review.

The Welsh was written for this application; have it checked by the Welsh Language Unit before
go-live.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    en: str
    cy: str
    note: str = ""


# The service's name in Welsh: one translation, used by every phrase that names it.
COMMUNITY_PAYBACK_CY = "Talu'n Ôl i'r Gymuned"

_TERMS: tuple[Term, ...] = (
    # --- Dates (weekdays after "ar"/"on" take the soft mutation: "ar ddydd Llun") ----------------
    *(Term(f"month.{i}", en, cy) for i, (en, cy) in enumerate((
        ("January", "Ionawr"), ("February", "Chwefror"), ("March", "Mawrth"),
        ("April", "Ebrill"), ("May", "Mai"), ("June", "Mehefin"), ("July", "Gorffennaf"),
        ("August", "Awst"), ("September", "Medi"), ("October", "Hydref"),
        ("November", "Tachwedd"), ("December", "Rhagfyr")), start=1)),
    *(Term(f"weekday.{i}", en, cy) for i, (en, cy) in enumerate((
        ("Monday", "Dydd Llun"), ("Tuesday", "Dydd Mawrth"), ("Wednesday", "Dydd Mercher"),
        ("Thursday", "Dydd Iau"), ("Friday", "Dydd Gwener"), ("Saturday", "Dydd Sadwrn"),
        ("Sunday", "Dydd Sul")))),
    *(Term(f"weekday_on.{i}", en, cy, "After 'on' / 'ar': soft mutation, lower case.")
      for i, (en, cy) in enumerate((
          ("Monday", "ddydd Llun"), ("Tuesday", "ddydd Mawrth"), ("Wednesday", "ddydd Mercher"),
          ("Thursday", "ddydd Iau"), ("Friday", "ddydd Gwener"), ("Saturday", "ddydd Sadwrn"),
          ("Sunday", "ddydd Sul")))),
    Term("date.on", en="on {date}", cy="ar {date}"),
    Term("hours.hour", en="{count} hour", cy="{count} awr",
         note="Welsh keeps the singular noun after a number."),
    Term("hours.hours", en="{count} hours", cy="{count} awr"),
    Term("hours.minute", en="{count} minute", cy="{count} munud"),
    Term("hours.minutes", en="{count} minutes", cy="{count} munud"),
    # --- The service and the organisation --------------------------------------------------------
    Term("service.community_payback", en="Community Payback", cy=COMMUNITY_PAYBACK_CY,
         note="The public name of unpaid work. One Welsh form everywhere."),
    Term("service.unpaid_work_team", en="Unpaid Work team", cy="Tîm Gwaith Di-dâl"),
    Term("service.phone", en="Phone", cy="Ffôn"),
    Term("service.date", en="Date", cy="Dyddiad"),
    Term("service.email", en="Email", cy="E-bost"),
    Term("service.opening_hours", en="Open", cy="Ar agor"),
    Term("service.page", en="Page {page} of {total}", cy="Tudalen {page} o {total}"),
    Term("service.printed", en="Printed {when}", cy="Argraffwyd {when}"),
    Term("service.printed_by", en="by {who}", cy="gan {who}",
         note="Follows 'Printed {when}' in staff documents' footers."),
    Term("order.community_order", en="community order", cy="gorchymyn cymunedol"),
    Term("order.suspended_sentence_order", en="suspended sentence order",
         cy="gorchymyn dedfryd ohiriedig"),
    # --- Letters from the Unpaid Work team: warning and completion letters -----------------------
    Term('letter.dear',
         en='Dear {name}',
         cy='Annwyl {name}'),
    Term('letter.reference',
         en='Our reference',
         cy='Ein cyfeirnod'),
    Term('letter.yours',
         en='Yours sincerely',
         cy='Yn gywir'),
    Term('letter.team',
         en='Unpaid Work team, {office}',
         cy='Tîm Gwaith Di-dâl, {office}'),
    Term('letter.warning_title',
         en='First warning',
         cy='Rhybudd cyntaf'),
    Term('letter.warning_subtitle',
         en='You did not comply with your unpaid work',
         cy="Nid ydych wedi cydymffurfio â'ch gwaith di-dâl"),
    Term('letter.order_intro',
         en=('You must do {hours} of unpaid work (Community Payback) as part of the {order} made '
             'by {court} on {date}.'),
         cy=("Mae'n rhaid i chi wneud {hours} o waith di-dâl (Talu'n Ôl i'r Gymuned) fel rhan o'r "
             '{order} a wnaed gan {court} ar {date}.')),
    Term('letter.what_happened',
         en='What happened',
         cy='Beth ddigwyddodd'),
    Term('letter.failure_UAAB',
         en=('On {date} you did not attend your unpaid work session at {project}, from {start} to '
             '{end}, and you have not given an acceptable reason.'),
         cy=('Ar {date} ni wnaethoch fynychu eich sesiwn gwaith di-dâl yn {project}, o {start} tan '
             '{end}, ac nid ydych wedi rhoi rheswm derbyniol.')),
    Term('letter.failure_AFTC',
         en=('On {date} you attended your unpaid work session at {project}, from {start} to {end}, '
             'but you did not comply with what was required of you (for example by arriving late, '
             'leaving early without permission, or not wearing the protective clothing provided).'),
         cy=('Ar {date} fe wnaethoch fynychu eich sesiwn gwaith di-dâl yn {project}, o {start} tan '
             "{end}, ond ni wnaethoch gydymffurfio â'r hyn oedd yn ofynnol gennych (er enghraifft "
             "drwy gyrraedd yn hwyr, gadael yn gynnar heb ganiatâd, neu beidio â gwisgo'r dillad "
             'diogelwch a ddarparwyd).')),
    Term('letter.failure_ATSH',
         en=('On {date} you were sent home from your unpaid work session at {project}, from '
             '{start} to {end}, because of your behaviour.'),
         cy=("Ar {date} cawsoch eich anfon adref o'ch sesiwn gwaith di-dâl yn {project}, o {start} "
             'tan {end}, oherwydd eich ymddygiad.')),
    Term('letter.unacceptable',
         en='This failure to comply with your order is unacceptable.',
         cy="Mae'r methiant hwn i gydymffurfio â'ch gorchymyn yn annerbyniol."),
    Term('letter.formal_warning',
         en='This is a formal warning',
         cy='Mae hwn yn rhybudd ffurfiol'),
    Term('letter.consequence',
         en=('If you fail again to comply with any requirement of your order within 12 months of '
             'the date of this warning, that is on or before {end}, you will be referred for '
             'breach proceedings and you will be liable to be brought back before the court. The '
             'court can then make your order more demanding, fine you, or re-sentence you.'),
         cy=('Os byddwch yn methu eto â chydymffurfio ag unrhyw un o ofynion eich gorchymyn o fewn '
             '12 mis i ddyddiad y rhybudd hwn, hynny yw ar {end} neu cyn hynny, byddwch yn cael '
             'eich cyfeirio ar gyfer achos torri gorchymyn a byddwch yn agored i gael eich dwyn yn '
             'ôl gerbron y llys. Gall y llys wedyn wneud eich gorchymyn yn fwy llym, rhoi dirwy i '
             'chi, neu eich ailddedfrydu.')),
    Term('letter.what_now',
         en='What you must do now',
         cy="Beth sy'n rhaid i chi ei wneud nawr"),
    Term('letter.next_session',
         en='Go to your next unpaid work session as arranged. You have {hours} left to work.',
         cy=("Ewch i'ch sesiwn gwaith di-dâl nesaf fel y trefnwyd. Mae gennych {hours} ar ôl i'w "
             'gweithio.')),
    Term('letter.next_session_booked',
         en=("Your next unpaid work session is on {date}, {start} to {end}, at {place}. Go to "
             "it as arranged. You have {hours} left to work."),
         cy=("Mae eich sesiwn gwaith di-dâl nesaf ar {date}, {start} tan {end}, yn {place}. "
             "Ewch iddi fel y trefnwyd. Mae gennych {hours} ar ôl i'w gweithio."),
         note="{date} is the weekday and date after 'ar': 'ddydd Llun 7 Rhagfyr 2026'."),
    Term('letter.next_session_unbooked',
         en=("Your next unpaid work session is not booked yet: we will write to you with its "
             "date and place. You have {hours} left to work."),
         cy=("Nid yw eich sesiwn gwaith di-dâl nesaf wedi'i threfnu eto: byddwn yn ysgrifennu "
             "atoch gyda'i dyddiad a'i lleoliad. Mae gennych {hours} ar ôl i'w gweithio.")),
    Term('letter.contact_us',
         en=('If there was a good reason for what happened that you have not told us about, '
             'contact us by {date}{phone}.'),
         cy=("Os oedd rheswm da dros yr hyn a ddigwyddodd nad ydych wedi'i ddweud wrthym, "
             'cysylltwch â ni erbyn {date}{phone}.')),
    Term('letter.on_phone',
         en=' on {phone}',
         cy=' ar {phone}'),
    Term('letter.completion_title',
         en='You have completed your unpaid work',
         cy='Rydych wedi cwblhau eich gwaith di-dâl'),
    Term('letter.completion_intro',
         en=('I am pleased to confirm that you have completed the {hours} of unpaid work '
             '(Community Payback) that {court} ordered on {date} as part of your {order}.'),
         cy=("Rwy'n falch o gadarnhau eich bod wedi cwblhau'r {hours} o waith di-dâl "
             "(Talu'n Ôl i'r Gymuned) a orchmynnwyd gan {court} ar {date} fel rhan o'ch {order}.")),
    Term('letter.finished_on',
         en='You finished on {date}.',
         cy='Fe wnaethoch orffen ar {date}.'),
    Term('letter.worked_at',
         en='You worked at: {projects}.',
         cy='Buoch yn gweithio yn: {projects}.'),
    Term('letter.incentive',
         en=('Your hours were reduced by {hours} because you kept to your unpaid work (the '
             'incentive scheme).'),
         cy=('Cafodd eich oriau eu lleihau {hours} oherwydd eich bod wedi cadw at eich gwaith '
             'di-dâl (y cynllun cymhelliant).')),
    Term('letter.thanks',
         en='Thank you for the work you have done for the community.',
         cy="Diolch am y gwaith rydych wedi'i wneud i'r gymuned."),
    Term('letter.standalone_done',
         en='Your unpaid work requirement is now finished.',
         cy='Mae eich gofyniad gwaith di-dâl bellach wedi dod i ben.'),
    Term('letter.others_continue',
         en=('Your unpaid work requirement is finished, but the other requirements of your order '
             'continue until they end. Your probation practitioner will tell you about them.'),
         cy=('Mae eich gofyniad gwaith di-dâl wedi dod i ben, ond mae gofynion eraill eich '
             'gorchymyn yn parhau nes iddynt ddod i ben. Bydd eich ymarferydd prawf yn dweud '
             'wrthych amdanynt.')),
    Term('letter.suspended_continues',
         en=("Your unpaid work is finished, but your suspended sentence order has not ended. "
             "Your prison sentence stays suspended until the end of the period the court set. "
             "If you commit another offence, or do not keep to any other requirement of the "
             "order, before then, you can be brought back to court and the court can order "
             "you to serve the prison sentence. Your probation practitioner will tell you when "
             "the order ends."),
         cy=("Mae eich gwaith di-dâl wedi dod i ben, ond nid yw eich gorchymyn dedfryd "
             "ohiriedig wedi dod i ben. Mae eich dedfryd o garchar yn parhau wedi'i gohirio tan "
             "ddiwedd y cyfnod a osododd y llys. Os byddwch yn cyflawni trosedd arall, neu'n "
             "methu â chadw at unrhyw ofyniad arall yn y gorchymyn, cyn hynny, gallwch gael "
             "eich dwyn yn ôl i'r llys a gall y llys orchymyn i chi dreulio'r ddedfryd o "
             "garchar. Bydd eich ymarferydd prawf yn dweud wrthych pryd y daw'r gorchymyn i "
             "ben."),
         note="Suspended sentence orders: Sentencing Act 2020 Sch 16 (activation on breach "
              "or a further offence)."),
    Term('letter.keep_letter',
         en='Please keep this letter as a record.',
         cy='Cadwch y llythyr hwn fel cofnod.'),
    # --- The appointment letter ------------------------------------------------------------------
    Term('appointment.letter_title',
         en='Your unpaid work appointment',
         cy='Eich apwyntiad gwaith di-dâl'),
    Term('appointment.reference',
         en='Reference',
         cy='Cyfeirnod'),
    Term('appointment.dear',
         en='Dear {name},',
         cy='Annwyl {name},'),
    Term('appointment.intro',
         en=('You must attend unpaid work (Community Payback) as part of your court order. Your '
             'next session is below.'),
         cy=("Rhaid i chi fynychu gwaith di-dâl (Talu'n Ôl i'r Gymuned) fel rhan o'ch gorchymyn "
             'llys. Mae manylion eich sesiwn nesaf isod.')),
    Term('appointment.when',
         en='When',
         cy='Pryd'),
    Term('appointment.times',
         en='{start} to {end}',
         cy='{start} tan {end}'),
    Term('appointment.where',
         en='Where',
         cy='Ble'),
    Term('appointment.pickup',
         en='Pick-up',
         cy='Man casglu'),
    Term('appointment.pickup_text',
         en=('Be at {place}, {address}, by {time}. The minibus takes you to the site and brings '
             'you back.'),
         cy=("Byddwch yn {place}, {address}, erbyn {time}. Bydd y bws mini yn mynd â chi i'r safle "
             "ac yn dod â chi'n ôl.")),
    Term('appointment.own_way',
         en='Make your own way to the site, arriving by {time}.',
         cy="Ewch i'r safle eich hun, gan gyrraedd erbyn {time}."),
    Term('appointment.wear',
         en='What to wear',
         cy="Beth i'w wisgo"),
    Term('appointment.wear_text',
         en=('Clothes you can work outdoors in, suited to the weather, and sturdy boots or shoes. '
             'We provide gloves and any other safety equipment.'),
         cy=("Dillad y gallwch weithio ynddynt yn yr awyr agored, sy'n addas i'r tywydd, ac "
             'esgidiau cadarn. Rydym yn darparu menig ac unrhyw offer diogelwch arall.')),
    Term('appointment.wear_text_indoor',
         en=("Comfortable clothes you can work in indoors, and sturdy shoes. We provide "
             "gloves and any other safety equipment."),
         cy=("Dillad cyfforddus y gallwch weithio ynddynt dan do, ac esgidiau cadarn. Rydym "
             "yn darparu menig ac unrhyw offer diogelwch arall."),
         note="For projects tagged indoor; the outdoor wording is the term before."),
    Term('appointment.hi_vis',
         en='A high-visibility vest must be worn on this site; we provide it.',
         cy='Rhaid gwisgo fest lachar ar y safle hwn; rydym yn ei darparu.'),
    Term('appointment.bring',
         en='What to bring',
         cy='Beth i ddod gyda chi'),
    Term('appointment.bring_text',
         en='A packed lunch and a drink, any medicine you need during the day, and this letter.',
         cy=("Pecyn bwyd a diod, unrhyw feddyginiaeth sydd ei hangen arnoch yn ystod y dydd, a'r "
             'llythyr hwn.')),
    Term('appointment.call',
         en='Who to call',
         cy="Pwy i'w ffonio"),
    Term('appointment.call_text',
         en=('If you cannot come, or will be late, call {who} on {phone} before the session '
             'starts.'),
         cy=("Os na allwch ddod, neu os byddwch yn hwyr, ffoniwch {who} ar {phone} cyn i'r sesiwn "
             'ddechrau.')),
    Term('appointment.call_no_phone',
         en='If you cannot come, or will be late, contact {who} before the session starts.',
         cy=("Os na allwch ddod, neu os byddwch yn hwyr, cysylltwch â {who} cyn i'r sesiwn "
             'ddechrau.'),
         note="{who} is a person's name; 'ag' replaces 'â' before a vowel (next term)."),
    Term('appointment.call_no_phone_vowel',
         en='If you cannot come, or will be late, contact {who} before the session starts.',
         cy=("Os na allwch ddod, neu os byddwch yn hwyr, cysylltwch ag {who} cyn i'r sesiwn "
             'ddechrau.')),
    Term('appointment.call_team',
         en=('If you cannot come, or will be late, contact the Unpaid Work team before the '
             'session starts.'),
         cy=("Os na allwch ddod, neu os byddwch yn hwyr, cysylltwch â'r tîm Gwaith Di-dâl cyn "
             "i'r sesiwn ddechrau."),
         note="'â'r tîm', never 'â y tîm'."),
    Term('appointment.warning',
         en=('You may be asked for evidence of why you could not come, such as a letter from your '
             'doctor or employer. Missing a session without an acceptable reason can lead to a '
             'warning or to your case going back to court.'),
         cy=('Efallai y gofynnir i chi am dystiolaeth o pam na allech ddod, fel llythyr gan eich '
             'meddyg neu eich cyflogwr. Gall colli sesiwn heb reswm derbyniol arwain at rybudd neu '
             "at eich achos yn mynd yn ôl i'r llys.")),
    Term('appointment.team',
         en='the Unpaid Work team',
         cy='y tîm Gwaith Di-dâl'),
    Term('appointment.sign_off',
         en='Yours sincerely,',
         cy='Yn gywir,'),
    Term('appointment.team_name',
         en='Unpaid Work team, {office}',
         cy='Tîm Gwaith Di-dâl, {office}'),
    # --- The travel warrant (bus and rail): passenger part, operator part, counterfoil -------
    Term("warrant.title.bus", en="Bus travel warrant", cy="Gwarant teithio ar fws",
         note="'Gwarant' is treated as feminine throughout: 'y warant hon'."),
    Term("warrant.title.train", en="Rail travel warrant", cy="Gwarant teithio ar drên"),
    Term("warrant.serial", en="Serial number", cy="Rhif cyfresol"),
    Term("warrant.mark.void", en="VOID", cy="DI-RYM",
         note="Printed large across a warrant that is not valid."),
    Term("warrant.mark.used", en="USED", cy="DEFNYDDIWYD"),
    Term("warrant.mark.returned_unused", en="RETURNED", cy="DYCHWELWYD"),
    Term("warrant.mark.copy", en="COPY", cy="COPI"),
    Term("warrant.words.void",
         en=("VOID: not valid for travel. The issuing office cancelled this warrant. Do not "
             "accept it."),
         cy=("DI-RYM: nid yw'n ddilys ar gyfer teithio. Canslodd y swyddfa a'i rhoddodd y "
             "warant hon. Peidiwch â'i derbyn.")),
    Term("warrant.words.used",
         en="USED: already exchanged for a ticket. Not valid for travel.",
         cy="DEFNYDDIWYD: mae eisoes wedi'i chyfnewid am docyn. Nid yw'n ddilys ar gyfer "
            "teithio."),
    Term("warrant.words.returned_unused",
         en="RETURNED UNUSED: not valid for travel.",
         cy="DYCHWELWYD HEB EI DEFNYDDIO: nid yw'n ddilys ar gyfer teithio."),
    Term("warrant.words.copy",
         en="Copy, original issued {date}. Not valid for travel: only the original is.",
         cy=("Copi, rhoddwyd y gwreiddiol ar {date}. Nid yw'n ddilys ar gyfer teithio: dim "
             "ond y gwreiddiol sy'n ddilys.")),
    Term("warrant.passenger", en="Passenger", cy="Teithiwr"),
    Term("warrant.journey", en="Journey", cy="Taith"),
    Term("warrant.from_to", en="{start} to {end}", cy="{start} i {end}"),
    Term("warrant.ticket", en="Ticket", cy="Tocyn"),
    Term("warrant.ticket.bus.return", en="One return ticket on each date below",
         cy="Un tocyn dychwel ar bob dyddiad isod"),
    Term("warrant.ticket.bus.single", en="One single ticket on each date below",
         cy="Un tocyn sengl ar bob dyddiad isod"),
    Term("warrant.ticket.train.return",
         en="One Standard class return ticket on each date below",
         cy="Un tocyn dychwel dosbarth safonol ar bob dyddiad isod"),
    Term("warrant.ticket.train.single",
         en="One Standard class single ticket on each date below",
         cy="Un tocyn sengl dosbarth safonol ar bob dyddiad isod"),
    Term("warrant.dates", en="Dates of travel", cy="Dyddiadau teithio"),
    Term("warrant.fare", en="Fare", cy="Pris"),
    Term("warrant.fare.one_day", en="Up to {total}", cy="Hyd at {total}"),
    Term("warrant.fare.days", en="Up to {total} in all for {days} days",
         cy="Hyd at {total} i gyd am {days} diwrnod"),
    Term("warrant.issued_by", en="Issued by", cy="Rhoddwyd gan"),
    Term("warrant.issued_on", en="Issued", cy="Rhoddwyd"),
    Term("warrant.for_person", en="For the passenger", cy="I'r teithiwr"),
    Term("warrant.person.bus",
         en=("Hand this warrant to the bus driver when you get on, in exchange for your "
             "ticket. It is valid only for the person named, the journey and the dates shown, "
             "and cannot be exchanged for money."),
         cy=("Rhowch y warant hon i yrrwr y bws pan fyddwch yn mynd arno, yn gyfnewid am eich "
             "tocyn. Mae'n ddilys ar gyfer yr unigolyn a enwir, y daith a'r dyddiadau a "
             "ddangosir yn unig, ac ni ellir ei chyfnewid am arian.")),
    Term("warrant.person.train",
         en=("Take this warrant to the station ticket office before you travel and exchange "
             "it for your ticket. It is valid only for the person named, the journey and the "
             "dates shown, and cannot be exchanged for money."),
         cy=("Ewch â'r warant hon i swyddfa docynnau'r orsaf cyn i chi deithio a'i chyfnewid "
             "am eich tocyn. Mae'n ddilys ar gyfer yr unigolyn a enwir, y daith a'r dyddiadau "
             "a ddangosir yn unig, ac ni ellir ei chyfnewid am arian.")),
    Term("warrant.for_operator.bus", en="For the bus driver or operator",
         cy="I yrrwr neu gwmni'r bws"),
    Term("warrant.for_operator.train", en="For the ticket office", cy="I'r swyddfa docynnau"),
    Term("warrant.operator",
         en=("Issue the ticket shown above, fill in the boxes below and keep this warrant. "
             "Bill {organisation}, {office} office, account {account}, quoting the serial "
             "number."),
         cy=("Rhowch y tocyn a ddangosir uchod, llenwch y blychau isod a chadwch y warant hon. "
             "Anfonwch y bil at {organisation}, swyddfa {office}, cyfrif {account}, gan "
             "ddyfynnu'r rhif cyfresol.")),
    Term("warrant.operator.no_account",
         en=("Issue the ticket shown above, fill in the boxes below and keep this warrant. "
             "Bill {organisation}, {office} office, quoting the serial number."),
         cy=("Rhowch y tocyn a ddangosir uchod, llenwch y blychau isod a chadwch y warant hon. "
             "Anfonwch y bil at {organisation}, swyddfa {office}, gan ddyfynnu'r rhif "
             "cyfresol.")),
    Term("warrant.operator.queries", en="Queries: {phone}", cy="Ymholiadau: {phone}"),
    Term("warrant.box.ticket", en="Ticket type and number issued",
         cy="Math a rhif y tocyn a roddwyd"),
    Term("warrant.box.fare", en="Fare charged", cy="Pris a godwyd"),
    Term("warrant.box.stamp", en="Operator's stamp or signature",
         cy="Stamp neu lofnod y cwmni"),
    Term("warrant.signature", en="Signed for the issuing office",
         cy="Llofnodwyd ar ran y swyddfa a'i rhoddodd"),
    Term("warrant.cut", en="Cut here. The counterfoil below stays with the issuing office.",
         cy="Torrwch yma. Mae'r bonyn isod yn aros gyda'r swyddfa a'i rhoddodd."),
    Term("warrant.counterfoil", en="Counterfoil: office copy", cy="Bonyn: copi'r swyddfa"),
    Term("warrant.crn", en="CRN", cy="CRN", note="Case reference number; kept as initials."),
    Term("warrant.eligible", en="Eligible", cy="Cymhwysedd"),
    Term("warrant.status", en="Status", cy="Statws"),
    Term("warrant.mode.bus", en="Bus", cy="Bws"),
    Term("warrant.mode.train", en="Rail", cy="Trên"),
    Term("warrant.kind.return", en="return", cy="dychwel"),
    Term("warrant.kind.single", en="single", cy="sengl"),
    Term("warrant.state.issued", en="Issued", cy="Wedi'i rhoi"),
    Term("warrant.state.used", en="Used", cy="Defnyddiwyd"),
    Term("warrant.state.returned_unused", en="Returned unused",
         cy="Dychwelwyd heb ei defnyddio"),
    Term("warrant.state.void", en="Void", cy="Di-rym"),
    Term("warrant.checked_by", en="Checked by", cy="Gwiriwyd gan"),
    # --- Attendance outcomes and enforcement actions (national codes) ---------------------------
    Term('outcome.ATTC', en='Attended – complied',
         cy='Mynychodd – cydymffurfiodd'),
    Term('outcome.AFTC', en='Attended – failed to comply',
         cy='Mynychodd – methodd â chydymffurfio'),
    Term('outcome.ATSH', en='Attended – sent home (behaviour)',
         cy='Mynychodd – anfonwyd adref (ymddygiad)'),
    Term('outcome.ATSS', en='Attended – sent home (service issues)',
         cy="Mynychodd – anfonwyd adref (rhesymau'r gwasanaeth)"),
    Term('outcome.UAAB', en='Unacceptable absence',
         cy='Absenoldeb annerbyniol'),
    Term('outcome.AAME', en='Acceptable absence – medical',
         cy='Absenoldeb derbyniol – meddygol'),
    Term('outcome.AAEM', en='Acceptable absence – employment',
         cy='Absenoldeb derbyniol – cyflogaeth'),
    Term('outcome.AAFC', en='Acceptable absence – family/childcare',
         cy='Absenoldeb derbyniol – teulu neu ofal plant'),
    Term('outcome.AACL', en='Acceptable absence – court/legal',
         cy='Absenoldeb derbyniol – llys neu gyfreithiol'),
    Term('outcome.AASD', en='Acceptable absence – stood down',
         cy="Absenoldeb derbyniol – sesiwn wedi'i chanslo"),
    Term('outcome.RSSR', en='Rescheduled – service request',
         cy='Aildrefnwyd – cais y gwasanaeth'),
    Term('outcome.RSOF', en="Rescheduled – person's request",
         cy='Aildrefnwyd – cais yr unigolyn'),
    Term('action.ROM', en='Refer to offender manager',
         cy='Cyfeirio at y rheolwr troseddwr'),
    Term('action.EA02', en='First warning letter sent',
         cy="Llythyr rhybudd cyntaf wedi'i anfon"),
    Term('action.EA08', en='Breach letter sent',
         cy="Llythyr torri gorchymyn wedi'i anfon"),
    Term('action.BRE01', en='Breach requested',
         cy='Gofynnwyd am achos torri gorchymyn'),
    Term('action.BRE02', en='Breach request actioned',
         cy="Cais torri gorchymyn wedi'i weithredu"),
    Term('action.EA12', en='Decision pending response from the person',
         cy='Penderfyniad yn aros am ymateb gan yr unigolyn'),
    Term('action.EA06', en='Withdraw warning letter',
         cy="Tynnu'r llythyr rhybudd yn ôl"),
    Term('action.NFA', en='No further action',
         cy='Dim camau pellach'),
    # --- The breach summary (for the court file) -------------------------------------------------
    Term('breach.title',
         en='Breach summary',
         cy='Crynodeb o dorri gorchymyn'),
    Term('breach.for_court',
         en='For the court file. Prepared by the Unpaid Work team.',
         cy='Ar gyfer ffeil y llys. Paratowyd gan y Tîm Gwaith Di-dâl.'),
    Term('breach.person',
         en='The person',
         cy='Yr unigolyn'),
    Term('breach.order',
         en='The order',
         cy='Y gorchymyn'),
    Term('breach.failures',
         en='Failures to comply',
         cy='Methiannau i gydymffurfio'),
    Term('breach.actions',
         en='Enforcement action',
         cy='Camau gorfodi'),
    Term('breach.name',
         en='Name',
         cy='Enw'),
    Term('breach.crn',
         en='CRN',
         cy='CRN'),
    Term('breach.dob',
         en='Date of birth',
         cy='Dyddiad geni'),
    Term('breach.address',
         en='Address',
         cy='Cyfeiriad'),
    Term('breach.office',
         en='Office',
         cy='Swyddfa'),
    Term('breach.coordinator',
         en='Coordinator',
         cy='Cydlynydd'),
    Term('breach.court',
         en='Court',
         cy='Llys'),
    Term('breach.sentenced',
         en='Sentence date',
         cy='Dyddiad dedfrydu'),
    Term('breach.type',
         en='Order',
         cy='Gorchymyn'),
    Term('breach.ordered',
         en='Hours ordered',
         cy='Oriau a orchmynnwyd'),
    Term('breach.credited',
         en='Hours credited',
         cy='Oriau a gyfrifwyd'),
    Term('breach.adjusted',
         en='Adjustments',
         cy='Addasiadau'),
    Term('breach.remaining',
         en='Hours remaining',
         cy='Oriau ar ôl'),
    Term('breach.deadline',
         en='Completion deadline',
         cy='Dyddiad terfyn i gwblhau'),
    Term('breach.no_limit',
         en='No limit',
         cy='Dim terfyn'),
    Term('breach.record',
         en='Attendance record',
         cy='Cofnod presenoldeb'),
    Term('breach.record_text',
         en='{attended} attended, {acceptable} acceptable absences, {failures} failures to comply',
         cy=('{attended} wedi mynychu, {acceptable} absenoldeb derbyniol, {failures} methiant i '
             'gydymffurfio')),
    Term('breach.referred',
         en='Referred for breach on',
         cy='Cyfeiriwyd ar gyfer torri gorchymyn ar'),
    Term('breach.lay_by',
         en='Breach to be laid by',
         cy="Torri gorchymyn i'w gyflwyno erbyn"),
    Term('breach.outcome',
         en='Outcome',
         cy='Canlyniad'),
    Term('breach.project',
         en='Project',
         cy='Prosiect'),
    Term('breach.notes',
         en='Notes',
         cy='Nodiadau'),
    Term('breach.action',
         en='Action',
         cy='Cam'),
    Term('breach.respond',
         en='Respond by',
         cy='Ymateb erbyn'),
    Term('breach.by',
         en='Recorded by',
         cy='Cofnodwyd gan'),
    Term('breach.none',
         en='None recorded.',
         cy="Dim wedi'u cofnodi."),
    Term('breach.withheld',
         en='Sensitive note withheld.',
         cy="Nodyn sensitif wedi'i atal."),
    Term('breach.not_referred',
         en='Not yet referred',
         cy='Heb ei gyfeirio eto'),
    Term('breach.adjustments', en='Adjustments to the hours', cy="Addasiadau i'r oriau"),
    Term('breach.kind', en='Kind', cy='Math'),
    Term('breach.reason', en='Reason', cy='Rheswm'),
    Term('breach.change', en='Change', cy='Newid'),
    Term('breach.adjustments_total', en='Total', cy='Cyfanswm'),
    Term('breach.kind.travel_time', en='Travel time', cy='Amser teithio'),
    Term('breach.kind.ete', en='Education, training and employment',
         cy='Addysg, hyfforddiant a chyflogaeth'),
    Term('breach.kind.court_ordered', en='Ordered by the court', cy="Wedi'i orchymyn gan y llys"),
    Term('breach.kind.incentive', en='Reduction for good progress',
         cy='Gostyngiad am gynnydd da'),
    Term('breach.kind.other', en='Other', cy='Arall'),
)

GLOSSARY: dict[str, Term] = {term.key: term for term in _TERMS}
if len(GLOSSARY) != len(_TERMS):  # a key given twice would hide one translation
    raise RuntimeError("glossary keys must be unique")

_WELSH_NAMES = frozenset({"cy", "welsh"})


def is_welsh(language: object) -> bool:
    """Whether ``language`` ("cy", "en", a Language or HandoutLanguage value) asks for Welsh."""
    return str(getattr(language, "value", language)).lower() in _WELSH_NAMES


def code(language: object) -> str:
    """"cy" for Welsh, "en" for anything else: the two versions the service prints."""
    return "cy" if is_welsh(language) else "en"


def phrase(key: str, language: object, **values: object) -> str:
    """The phrase ``key`` in ``language`` with its placeholders filled (values as given: escape
    user text for paragraphs before or after, as the document needs)."""
    term = GLOSSARY[key]
    text = term.cy if is_welsh(language) else term.en
    return text.format(**values) if values else text


def month(day: dt.date, language: object) -> str:
    return phrase(f"month.{day.month}", language)


def short_date(day: dt.date, language: object) -> str:
    """``30 November 2026`` / ``30 Tachwedd 2026``."""
    return f"{day.day} {month(day, language)} {day.year}"


def long_date(day: dt.date, language: object) -> str:
    """``Monday 30 November 2026`` / ``Dydd Llun 30 Tachwedd 2026`` (standing alone)."""
    return f"{phrase(f'weekday.{day.weekday()}', language)} {short_date(day, language)}"


def date_after_on(day: dt.date, language: object) -> str:
    """The weekday and date as they follow "On" / "Ar": ``Monday 30 November 2026`` /
    ``ddydd Llun 30 Tachwedd 2026`` (soft mutation)."""
    return f"{phrase(f'weekday_on.{day.weekday()}', language)} {short_date(day, language)}"


def hours_text(minutes: int, language: object) -> str:
    """``90`` -> "1 hour 30 minutes" / "1 awr 30 munud"."""
    hours, rest = divmod(max(0, minutes), 60)
    text = phrase("hours.hour" if hours == 1 else "hours.hours", language, count=hours)
    if rest:
        text += " " + phrase("hours.minute" if rest == 1 else "hours.minutes", language,
                             count=rest)
    return text


def fixed_words(language: object) -> frozenset[str]:
    """Every word of the glossary's fixed text in ``language`` (placeholders left out): what a
    document in that language may print besides the data it was given."""
    words: set[str] = set()
    for term in GLOSSARY.values():
        text = term.cy if is_welsh(language) else term.en
        literal = "".join(part for part, *_ in string.Formatter().parse(text))
        words.update(word_list(literal))
    return frozenset(words)


def word_list(text: str) -> list[str]:
    """The words of ``text``, lower-cased, for comparing a document with the glossary."""
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)]


def review_rows() -> Iterator[tuple[str, str, str, str]]:
    """(key, English, Welsh, note) for every term, in the order of this file."""
    for term in _TERMS:
        yield term.key, term.en, term.cy, term.note


if __name__ == "__main__":
    sys.stdout.write("key\tEnglish\tWelsh\tnote\n")
    for row in review_rows():
        sys.stdout.write("\t".join(row) + "\n")
