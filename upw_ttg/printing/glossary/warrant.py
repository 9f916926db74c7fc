"""Glossary terms: the travel warrant, bus and rail: passenger part, operator part, counterfoil.

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them.
"""

from __future__ import annotations

from upw_ttg.printing.glossary.term import Term

TERMS: tuple[Term, ...] = (
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
)
