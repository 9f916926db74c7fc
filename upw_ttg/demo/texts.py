"""Free-text phrases for the demo: notes, reasons, own words and progress entries."""

from __future__ import annotations

STAND_DOWN_REASONS = (
    "Heavy snow: site unsafe", "Storm warning: outdoor work cancelled", "Van broke down",
    "Supervisor ill and no cover available", "Site closed by the beneficiary",
    "Flooding on the site access road", "Van failed its safety check",
)
WINTER_STAND_DOWN = ("Heavy snow: site unsafe", "Ice on the site: unsafe to work",
                     "Storm warning: outdoor work cancelled")

APPOINTMENT_NOTES = (
    "Worked well on the fencing; asked about a CSCS card.",
    "Good effort clearing the beck side.",
    "Quiet today but got on with the task.",
    "Helped a new starter with the tools.",
    "Needed reminding about PPE twice.",
    "Took a long phone call; time deducted.",
    "Finished the painting of the hall ahead of time.",
    "Arrived on the early bus; very keen.",
    "Left promptly at the end; no issues.",
    "Showed real skill with the strimmer.",
)
SENSITIVE_NOTES = (
    "Disclosed worries about rent arrears and possible eviction; passed to the responsible "
    "officer.",
    "Said a family member is unwell in hospital; may need to miss sessions.",
    "Appeared under the influence on arrival; sent home and OM informed.",
    "Mentioned threats from a former partner; safeguarding referral discussed with the OM.",
)
OVERRIDE_REASONS = (
    "Clashes with part-time work on this day; person asked for this session and employer "
    "agreed.",
    "Only session left before the deadline; person agreed to rearrange childcare.",
    "Victim exclusion zone noted; site is outside the zone and the van route avoids it.",
    "Interpreter booked for the morning briefing.",
)
ABSENCE_NOTES = {
    "AAME": ("GP fit note received.", "Sick note from the walk-in centre.",
             "Hospital appointment letter seen."),
    "AAEM": ("Letter from employer: extra shift.", "Payslip and rota provided.",
             "Agency work confirmed by phone."),
    "AAFC": ("Child ill; school letter provided.", "Childcare fell through; confirmed by "
             "nursery."),
    "AACL": ("Attending court as a witness; letter seen.", "Solicitor's appointment; letter "
             "provided."),
}
FAILURE_NOTES = {
    "UAAB": ("Did not attend and no contact.", "No answer on the phone; letter sent.",
             "Said they overslept."),
    "AFTC": ("Arrived 45 minutes late without a reason.", "Refused to wear the hi-vis vest.",
             "Left early without permission."),
    "ATSH": ("Sent home for abusive language to the supervisor.",
             "Sent home: refused to follow instructions.",
             "Sent home after arguing with another person on the group."),
    "ATSS": ("Sent home: van broke down at lunch.", "Sent home: heavy rain, no indoor work.",
             "Sent home: oversubscribed today."),
}
WARNING_OUTCOMES = ("Warning letter sent; no reply.", "Warning letter sent; person rang to "
                    "apologise.", "Warning letter sent and explained at the next session.")
BREACH_CONTINUED = ("Order continued; {hours} additional hours and fined £{fine}.",
                    "Order continued with {hours} additional hours.")
BREACH_REVOKED = ("Order revoked and re-sentenced at {court}.",
                  "Order revoked; custodial sentence imposed at {court}.")
EXTENSION_REASONS = (
    "Period of ill health during the order; {hours} hours outstanding.",
    "Full-time work started; hours could not be completed in time.",
    "Sessions stood down over the winter; {hours} hours outstanding.",
    "Caring responsibilities for a family member; extension agreed by the court.",
)
ETE_REASONS = (
    "Level 1 Food Hygiene certificate, {town} College",
    "CSCS card course and test",
    "Functional Skills English, Entry Level 3",
    "Forklift licence training (employability course)",
    "First aid at work course",
    "Job search and CV workshop with the employment adviser",
)
WARRANT_ELIGIBILITY = ("Universal Credit", "No income", "Jobseeker's Allowance",
                       "Employment and Support Allowance", "Low income")
WARRANT_REASONS = ("No bus from home to the pick-up point in time",
                   "Lives {miles} miles from the nearest pick-up point",
                   "Cannot afford the fare to the pick-up point")
WARRANT_VOID = ("Issued in error: wrong date", "Session rearranged; replacement issued",
                "Spoilt when printing")
KEEP_APART_REASONS = (
    ("co_defendant", "Co-defendants in the same burglary case"),
    ("restraining_order", "Restraining order: no contact"),
    ("gang_conflict", "Gang conflict reported by police"),
    ("other", "Previous assault between the two"),
    ("co_defendant", "Co-defendants; victim is a relative of one"))
VICTIM_ZONES = ("Not to enter the Bransholme estate", "Not to enter Bridlington town centre",
                "Exclusion zone around the victim's home in Gainsborough",
                "Not to enter Cleethorpes seafront area", "Not to enter the Tang Hall area")
RESTRICTIVE_ORDERS = ("Restraining order: no contact with the victim",
                      "Non-molestation order", "Criminal behaviour order: not to enter "
                      "licensed premises in the town centre", "Curfew 19:00-07:00 (tagged)")
ALLERGIES = ("Wasp and bee stings: carries an adrenaline pen", "Latex", "Nuts",
             "Severe hay fever", "Penicillin")
# What the site does about each allergy, and how each medication affects safety on site.
ALLERGY_ACTIONS = {"Wasp and bee stings: carries an adrenaline pen": "adrenaline_pen",
                   "Latex": "avoid_only", "Nuts": "call_999", "Severe hay fever": "antihistamine",
                   "Penicillin": "avoid_only"}
MOBILITY = ("Knee injury: no kneeling", "Back problem: no heavy lifting",
            "Walks with a stick; needs level ground", "Recovering from a broken ankle")
MEDICATION = ("Methadone prescription, collected daily", "Insulin (type 1 diabetes)",
              "Sertraline", "Asthma inhaler", "Blood-thinning medication: bruises easily",
              "Mirtazapine: may be drowsy in the morning")
MEDICATION_EFFECTS = {"Methadone prescription, collected daily": "drowsy",
                      "Insulin (type 1 diabetes)": "low_blood_sugar",
                      "Sertraline": "no_effect_on_site", "Asthma inhaler": "dose_during_session",
                      "Blood-thinning medication: bruises easily": "bleeds_easily",
                      "Mirtazapine: may be drowsy in the morning": "drowsy"}
VULNERABILITY = ("Care leaver with limited support", "Low mood and anxiety; engaged with GP",
                 "Learning difficulty; needs instructions one step at a time",
                 "Recently homeless; staying with friends", "History of self-harm; safety "
                 "plan shared with supervisor")
DISABILITIES = ("Dyslexia", "Hearing impairment in one ear", "Autism spectrum condition",
                "ADHD", "Partial sight")
ADJUSTMENTS = ("Written instructions in large print", "Verbal briefing instead of written",
               "Quieter task away from the main group", "Extra breaks when needed",
               "Supervisor to check understanding at the start")
COMMITMENTS = {
    "employment": ("Warehouse shifts at {town} distribution centre", "Labouring (agency work)",
                   "Part-time at a supermarket", "Care work (zero hours)",
                   "Fish processing factory", "Farm work (seasonal)"),
    "education": ("Level 2 plumbing course at {town} College", "ESOL class",
                  "Functional skills maths"),
    "caring": ("School run for two children", "Cares for a disabled parent",
               "Childcare for a toddler"),
    "religious": ("Friday prayers", "Sunday service", "Church choir practice"),
    "other": ("Weekly drug service appointment", "Weekly counselling session"),
}

PATHWAY_OWN_WORDS = {
    "accommodation": ("I've got nowhere to go when I get out. My mum won't have me back.",
                      "My tenancy went while I was in here, I need somewhere.",
                      "I can go back to my partner's flat but it's not great there.",
                      "I'll be sofa surfing again unless someone helps."),
    "ete": ("I want to get my forklift licence and get back to warehouse work.",
            "I never finished school. I'd like to do my maths and English.",
            "I had a job on the building sites, they might take me back.",
            "I want to do the barista course in here and get work in a café."),
    "finance_id": ("I've got no ID at all and no bank account.",
                   "I owe money on my Universal Credit advance and the council tax.",
                   "I need a birth certificate so I can get a bank account.",
                   "Debts are stressing me out, I don't know where to start."),
    "drugs_alcohol": ("I was using every day before I came in. I want to stay clean.",
                      "Drink is what gets me into trouble.",
                      "I'm on a script in here and need it sorting for release.",
                      "I've been clean six months, I don't want to go back to my old mates."),
    "health": ("My anxiety is bad, I need my meds sorting outside.",
               "I need a GP, I haven't had one for years.",
               "My back's been bad since the accident.",
               "I want to see someone about my mental health."),
    "children_families": ("I just want to see my kids again.",
                          "Social services are involved with my daughter.",
                          "My family have stuck by me, they'll help when I'm out.",
                          "I'm not allowed contact with my son at the moment."),
    "attitudes": ("I lose my temper too quick, I know that.",
                  "I want to stop ending up back in here.",
                  "I'm doing the thinking skills course and it helps.",
                  "I need to stay away from the people I was hanging round with."),
    "abuse_survivors": ("My ex was violent and he knows where I live.",
                        "I want support from a women's service when I get out.",
                        "I've never talked about what happened to me before."),
    "sex_work": ("I want to get out of that life for good.",
                 "I need help so I don't go back to working on the street."),
}
PROGRESS_ENTRIES = {
    "accommodation": ("Referral made to Shelter for housing advice.",
                      "Housing options interview booked with the council.",
                      "Supported housing place offered from the release date.",
                      "Duty to refer sent to the local council."),
    "ete": ("Enrolled on the Level 1 course in the education department.",
            "Met the prison employment lead; CV drafted.",
            "Employer contacted about returning after release."),
    "finance_id": ("Birth certificate applied for.", "Bank account application submitted "
                   "with the prison bank scheme.", "Universal Credit claim prepared for the "
                   "day of release.", "Debt advice appointment booked."),
    "drugs_alcohol": ("Seen by the prison drug team.", "Community drug service appointment "
                      "booked for the day after release.", "Naloxone training completed."),
    "health": ("GP registration form completed.", "Mental health in-reach team assessed.",
               "Prescription on release arranged with healthcare."),
    "children_families": ("Family visit arranged.", "Children's services contacted about "
                          "contact arrangements.", "Family ties worker involved."),
    "attitudes": ("Started the thinking skills programme.", "One-to-one sessions on "
                  "managing anger.", "Discussed peers to avoid after release."),
    "abuse_survivors": ("Referral to the women's centre domestic abuse worker.",
                        "Safety plan discussed."),
    "sex_work": ("Referral to the specialist women's support service.",),
}
ACTIONS = {
    "accommodation": ("Refer to Shelter housing adviser", "Duty to refer to the council"),
    "ete": ("Book careers advice session", "Enrol on a vocational course"),
    "finance_id": ("Apply for a birth certificate", "Open a bank account", "Prepare the "
                   "Universal Credit claim"),
    "drugs_alcohol": ("Refer to the community drug service", "Arrange a script on release"),
    "health": ("Register with a GP", "Arrange medication on the day of release"),
    "children_families": ("Contact children's services", "Arrange a family visit"),
    "attitudes": ("Complete the thinking skills programme", "Agree who to avoid on release"),
    "abuse_survivors": ("Refer to the women's centre", "Agree a safety plan"),
    "sex_work": ("Refer to the specialist support service",),
}
ACTION_OWNERS = ("Resettlement worker", "Prison housing officer", "Community offender manager",
                 "Prison education", "Healthcare team", "The person", "Drug recovery worker")
REFERRAL_WITHDRAWN = ("released_early", "declined_by_person", "transferred", "duplicate")
STRENGTHS = ("Supportive family who visit regularly", "Good work history in construction",
             "Motivated to stay away from drugs", "Completed education courses in custody",
             "Strong relationship with their children", "Has a job offer on release",
             "Engages well with staff", "Keeps fit in the gym; wants to do a fitness course")
PROTECTIVE = ("Stable accommodation with a parent", "Positive peer group through church",
              "Abstinent for over a year", "Partner is a positive influence",
              "Regular contact with a mentor")
NO_STRENGTHS_REASONS = ("Person declined to discuss strengths at this stage; to revisit at "
                        "the review.", "Too unwell to engage at screening; to revisit.")
DIVERSITY = {
    "language": ("Prefers to speak {language}", "Use plain English and check understanding"),
    "welsh": ("Prefers to read and write in Welsh", "Letters in Welsh and English"),
    "interpreter": ("Needs an interpreter ({language})", "Book a telephone interpreter for "
                    "every appointment"),
    "literacy": ("Reads with difficulty", "Explain documents verbally; use large print"),
    "disability": ("Uses a wheelchair", "Ground-floor interview rooms; accessible housing "
                   "referral"),
    "neurodiversity": ("ADHD diagnosis", "Short sessions, written reminders by text"),
    "age": ("Over 60", "Consider health needs and pension entitlement"),
    "faith": ("Practising Muslim", "Appointments avoid Friday prayers"),
    "care_leaver": ("Care leaver (left care at 18)", "Contact the leaving care team"),
    "veteran": ("Army veteran (served 6 years)", "Refer to the veterans' support charity"),
    "foreign_national": ("Foreign national", "Check immigration status and right to rent"),
    "pregnancy": ("Pregnant (due in the spring)", "Midwife appointments; mother and baby "
                  "unit information"),
    "caring": ("Main carer for two children", "Appointments in school hours"),
}
CONSENT_AGENCIES = ("Community probation team", "Shelter", "GP practice", "Jobcentre Plus",
                    "Council housing options", "Community drug service",
                    "Children's services", "Women's Lives Project")
RISK_SUMMARIES = (
    "Risk of harm to a known adult (former partner). Domestic abuse checks requested.",
    "Low risk of harm; offending linked to drug use and debt.",
    "Risk to the public when under the influence of alcohol.",
    "Medium risk to staff when frustrated; de-escalation works well.",
)
DA_OUTCOMES = ("No information held", "Police call-outs recorded 2022-2024; risk to former "
               "partner", "Information shared with the community offender manager")
CS_OUTCOMES = ("No concerns recorded", "Children known to children's services; plan in place",
               "No children in the household")
ID_STATUS = ("Birth certificate obtained", "Provisional driving licence held", "No ID; "
             "application in progress", "Passport held by the prison")
BANK_STATUS = ("Account opened through the prison bank scheme", "Existing account",
               "No account; basic account application pending")
BENEFITS_STATUS = ("Universal Credit claim ready for the day of release", "Not needed: job "
                   "to go to", "Pension credit in place", "Advance payment arranged")
CONTACT_SHARED = ("Release date and address confirmed", "Risk of harm summary and plan "
                  "shared", "Pre-release review outcome shared", "Licence conditions "
                  "discussed", "Day-of-release arrangements agreed", "Chased: no reply to "
                  "the previous email")
MEETING_NOTES = ("Three-way video call with the person and the responsible officer; "
                 "release plan agreed.", "Handover meeting held in the prison; risk "
                 "information shared.")
COMMENTS = ("I agree with the plan.", "I'm happy with this, I just want housing sorted.",
            "I didn't want the drug referral but I'll go.", "Thanks for the help.")
DATE_CHANGE_REASONS = {
    "ada": "Additional days awarded at adjudication",
    "remand": "Recalculated: remand time credited",
    "hdc": "Home detention curfew approved",
    "confirmed": "Release date confirmed by the prison",
}
TRANSFER_REASONS = ("Re-categorised to category D", "Transferred for a course place",
                    "Population pressure", "Moved closer to home")
RELEASE_REASONS = ("Released at the conditional release date", "Released on licence")

# What happens if part of a plan falls through (rule TTG-FALLBACK): (what, who to call).
FALLBACKS = {
    "accommodation": (("Emergency bed at the approved premises for the first nights",
                       "Approved premises duty desk 01482 000410"),
                      ("Night shelter place held, then a council homelessness assessment",
                       "Council housing options 01482 000420")),
    "drugs_alcohol": (("Same-week appointment at the recovery hub drop-in",
                       "Recovery hub 01904 000430"),),
    "finance_id": (("Advance payment of Universal Credit at the jobcentre",
                    "Jobcentre work coach 0800 000440"),),
    "health": (("Pharmacy emergency supply, then the walk-in centre",
                "NHS 111"),),
}
RELEASE_HOUSING_FALLBACK = ("If the room falls through, phone the housing service at "
                            "once")
RELEASE_FALLBACKS = (
    ("If nobody meets them at the gate, go straight to the probation office",
     "Probation duty officer 01482 000450"),
    ("If the travel warrant is not ready, reception phones the duty officer before release",
     "Prison reception 01482 000460"),
)
