"""Glossary terms: the Unpaid Work letters: warning, completion and appointment.

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them.
"""

from __future__ import annotations

from upw_ttg.printing.glossary.term import Term

TERMS: tuple[Term, ...] = (
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
         en=('If you fail again to comply with any requirement of your order within {months} '
             'months of the date of this warning, that is on or before {end}, you will be '
             'referred for breach proceedings and you will be liable to be brought back before '
             'the court. The court can then make your order more demanding, fine you, or '
             're-sentence you.'),
         cy=('Os byddwch yn methu eto â chydymffurfio ag unrhyw un o ofynion eich gorchymyn o fewn '
             '{months} mis i ddyddiad y rhybudd hwn, hynny yw ar {end} neu cyn hynny, byddwch yn '
             'cael eich cyfeirio ar gyfer achos torri gorchymyn a byddwch yn agored i gael eich '
             'dwyn yn ôl gerbron y llys. Gall y llys wedyn wneud eich gorchymyn yn fwy llym, rhoi '
             'dirwy i chi, neu eich ailddedfrydu.')),
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
)
