"""Glossary terms: the completion certificate given to a person who has finished their hours.

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them.
"""

from __future__ import annotations

from upw_ttg.printing.glossary.term import COMMUNITY_PAYBACK_CY, Term

TERMS: tuple[Term, ...] = (
    # --- The certificate of hours worked and skills practised (rule UPW-CERTIFICATE) -------------
    Term('certificate.title',
         en='Certificate of completion',
         cy='Tystysgrif cwblhau'),
    Term('certificate.service',
         en='Unpaid Work (Community Payback)',
         cy=f'Gwaith Di-dâl ({COMMUNITY_PAYBACK_CY})'),
    Term('certificate.certifies',
         en='This certifies that',
         cy='Mae hyn yn tystio bod'),
    Term('certificate.completed',
         en='has completed {hours} of unpaid work (Community Payback), from {first} to {last}.',
         cy=(f'wedi cwblhau {{hours}} o waith di-dâl ({COMMUNITY_PAYBACK_CY}), o {{first}} tan '
             '{last}.'),
         note='Follows the person\'s name, printed on a line of its own.'),
    Term('certificate.completed_on',
         en='has completed {hours} of unpaid work (Community Payback), finishing on {last}.',
         cy=(f'wedi cwblhau {{hours}} o waith di-dâl ({COMMUNITY_PAYBACK_CY}), gan orffen ar '
             '{last}.'),
         note='Used when the first day worked is not on record (hours brought from elsewhere).'),
    Term('certificate.skills_shown',
         en='Skills shown, as recorded by the supervisors',
         cy="Sgiliau a ddangoswyd, fel y'u cofnodwyd gan y goruchwylwyr"),
    Term('certificate.skills_practised',
         en='Skills practised on the placements',
         cy="Sgiliau a ymarferwyd ar y lleoliadau"),
    Term('certificate.placements',
         en='Placements',
         cy='Lleoliadau'),
    Term('certificate.well_done',
         en='Well done on completing your hours.',
         cy='Da iawn am gwblhau eich oriau.'),
    Term('certificate.show_it',
         en='You can show this certificate to employers, colleges and training providers.',
         cy="Gallwch ddangos y dystysgrif hon i gyflogwyr, colegau a darparwyr hyfforddiant."),
    Term('certificate.issued',
         en='Issued on {date} by the Unpaid Work team, {office}.',
         cy='Cyhoeddwyd ar {date} gan y Tîm Gwaith Di-dâl, {office}.'),
    Term('certificate.issued_no_office',
         en='Issued on {date} by the Unpaid Work team.',
         cy='Cyhoeddwyd ar {date} gan y Tîm Gwaith Di-dâl.'),
    Term('certificate.signed',
         en='Signed',
         cy='Llofnod'),
)
