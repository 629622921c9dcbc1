"""Original demo content for Defuse, written for this project. Synthetic people and places only."""

HOME_INTRODUCTION = (
    "<p>Defuse gathers what works in police de-escalation: practical reading for patrol, "
    "guidance for supervisors and evidence for command staff, alongside scenario training and "
    "field tools.</p>"
)

TOPIC_TITLE = "De-escalation"
TOPIC_SHORT_DESCRIPTION = (
    "Tactics, training, policy and evidence for slowing encounters down and resolving them safely."
)
TOPIC_INTRODUCTION = (
    "<p>De-escalation is the set of decisions an officer makes to lower the temperature of an "
    "encounter: creating time and distance, communicating with purpose, bringing the right "
    "resources, and recognising when a person cannot comply rather than will not.</p>"
    "<p>This page collects our reading on communication tactics, crisis intervention, "
    "scenario-based training, less-lethal options, policy and law, officer wellness, technology "
    "and supervision. Filter by audience to see what matters most to your role.</p>"
)

SUBTOPICS = [
    (
        "communication-tactics",
        "Communication tactics",
        "Listening, framing and speaking so that a person in conflict can hear you.",
    ),
    (
        "crisis-intervention",
        "Crisis intervention",
        "Recognising behavioural crisis and responding with care and the right partners.",
    ),
    (
        "scenario-based-training",
        "Scenario-based training",
        "Realistic practice that builds judgement under pressure.",
    ),
    (
        "less-lethal-options",
        "Less-lethal options",
        "Tools between presence and deadly force, and where they fit in a plan.",
    ),
    (
        "policy-and-law",
        "Policy and law",
        "What the law and agency policy require, allow and forbid.",
    ),
    (
        "officer-wellness",
        "Officer wellness and self-regulation",
        "Managing your own stress response so you can manage the scene.",
    ),
    (
        "technology",
        "Technology",
        "Cameras, records, drones and software, and what they change on the street.",
    ),
    (
        "leadership-and-supervision",
        "Leadership and supervision",
        "How sergeants and commanders shape de-escalation through example and review.",
    ),
]

AUTHORS = [
    (
        "maria-okafor",
        "Maria Okafor",
        "Sergeant, Crisis Response Unit (fictional)",
        "Maria leads a co-responder team pairing officers with mental-health clinicians. "
        "She writes about crisis calls and the first ninety seconds on scene.",
    ),
    (
        "daniel-reyes",
        "Daniel Reyes",
        "Training Coordinator, Regional Academy (fictional)",
        "Daniel designs scenario-based courses and instructor guides. He has run more than "
        "four hundred scenario debriefs.",
    ),
    (
        "hannah-lindqvist",
        "Hannah Lindqvist",
        "Policy Analyst (fictional)",
        "Hannah follows state and municipal use-of-force policy and explains what changes mean "
        "for patrol and command.",
    ),
    (
        "samuel-adeyemi",
        "Samuel Adeyemi",
        "Lieutenant, Patrol Division (fictional)",
        "Samuel supervises three patrol squads and writes about field supervision and review.",
    ),
    (
        "grace-whitfield",
        "Grace Whitfield",
        "Clinical Psychologist and Trainer (fictional)",
        "Grace teaches stress physiology and self-regulation to recruits and veterans alike.",
    ),
]

# (slug, title, teaser, subtopics, audiences, author, days_ago, paragraphs, callout)
ARTICLES = [
    (
        "the-tactical-pause",
        "The tactical pause: buying time without losing control",
        "Slowing a scene down is a deliberate act; here is how patrol officers create time while "
        "keeping everyone safe.",
        ["communication-tactics"],
        ["patrol"],
        "daniel-reyes",
        2,
        [
            "Time is the resource most often spent too early. When nothing forces an immediate "
            "decision, waiting costs little and buys information: the person's behaviour, the "
            "layout of the room, the arrival of a partner.",
            "A tactical pause is not inaction. The officer holds a position of advantage, keeps "
            "talking, and uses the seconds to run through the Critical Decision-Making Model again: "
            "what do I know now that I did not know a minute ago?",
            "Practise naming the pause out loud to your partner. A short phrase such as 'we have "
            "time' keeps the team from escalating in parallel.",
        ],
        (
            "tip",
            "Say it to your partner",
            "A shared phrase for 'we have time' keeps two officers "
            "from moving at different speeds.",
        ),
    ),
    (
        "one-voice-on-scene",
        "One voice on scene: why a single communicator matters",
        "When three officers give three commands, a frightened person hears none of them; "
        "choosing one communicator fixes that.",
        ["communication-tactics"],
        ["patrol", "supervisors"],
        "maria-okafor",
        4,
        [
            "Competing commands are one of the most common causes of confusion in tense encounters. "
            "A person in crisis may process only a fraction of what is said.",
            "Agree before you arrive who will speak first. Everyone else covers, watches and "
            "relays information quietly to the communicator.",
            "If rapport is not building, swap communicators on purpose and say so: 'My partner is "
            "going to talk with you now.' A fresh voice can reset the conversation.",
        ],
        None,
    ),
    (
        "active-listening-under-pressure",
        "Active listening under pressure",
        "Paraphrasing, labelling emotions and minimal encouragers work on the street as well as "
        "in the classroom, if you practise them.",
        ["communication-tactics"],
        ["patrol"],
        "maria-okafor",
        6,
        [
            "Active listening is a skill set, not a personality trait. Its parts are simple: "
            "attend, paraphrase what you heard, name the emotion you see, and leave silence for "
            "the person to fill.",
            "Under stress, officers tend to talk more and listen less. Short drills in roll call "
            "make the techniques automatic enough to survive adrenaline.",
            "Labelling an emotion ('you sound exhausted') is often the first moment a person feels "
            "heard, and the first moment their voice drops.",
        ],
        None,
    ),
    (
        "recognising-behavioural-crisis",
        "Recognising a behavioural crisis in the first minute",
        "Crisis cues often look like defiance; learning to tell them apart changes the whole "
        "course of a call.",
        ["crisis-intervention"],
        ["patrol"],
        "grace-whitfield",
        8,
        [
            "Disorganised speech, fixation on one idea, extreme fear or agitation, and not "
            "responding to simple questions can all signal a behavioural crisis rather than "
            "deliberate non-compliance.",
            "Treating an inability to comply as refusal invites force that could have been avoided. "
            "Ask yourself: can this person understand and follow what I am asking right now?",
            "When crisis cues are present, slow down, reduce stimulation, and request a crisis "
            "intervention team or clinician if your agency has one.",
        ],
        (
            "caution",
            "Inability is not defiance",
            "Medical conditions, intoxication, "
            "developmental disability and language barriers can all look like refusal.",
        ),
    ),
    (
        "co-responder-models",
        "Co-responder models: what changes when a clinician rides along",
        "Pairing officers with mental-health professionals shifts outcomes on crisis calls; here "
        "is what supervisors should plan for.",
        ["crisis-intervention", "leadership-and-supervision"],
        ["supervisors", "chiefs"],
        "maria-okafor",
        11,
        [
            "Co-responder teams send a clinician with an officer, or directly behind one, to calls "
            "with a mental-health element. The clinician brings assessment skills and knowledge of "
            "local services.",
            "Supervisors need clear dispatch criteria, shared radio language and a plan for when the "
            "clinician must step back for safety.",
            "Measure what matters: transports to care instead of jail, repeat calls to the same "
            "address, and injuries to everyone involved.",
        ],
        None,
    ),
    (
        "crisis-calls-and-family-members",
        "Working with family members on crisis calls",
        "The caller often knows the person best; a few targeted questions can give you history, "
        "triggers and what has calmed them before.",
        ["crisis-intervention", "communication-tactics"],
        ["patrol"],
        "maria-okafor",
        13,
        [
            "Family members and friends who call for help are a source of information that no "
            "database holds: medication, recent events, what has worked in past crises.",
            "Ask short, specific questions: what is different today, are there weapons in the home, "
            "what name does the person prefer, who do they trust.",
            "Keep family informed about what you are doing and why. Their trust reduces the chance "
            "that they intervene in a way that raises danger.",
        ],
        None,
    ),
    (
        "designing-branching-scenarios",
        "Designing branching scenarios that teach judgement",
        "A good scenario rewards the right decision for the right reason; here is how trainers "
        "build one around the Critical Decision-Making Model.",
        ["scenario-based-training"],
        ["supervisors"],
        "daniel-reyes",
        15,
        [
            "Scenarios teach best when every decision point maps to a step of the CDM: collect "
            "information, assess threats, consider powers and policy, identify options, act and "
            "re-assess.",
            "Write at least one path where patience resolves the call and one where rushing leads "
            "to avoidable force. Trainees learn from the contrast.",
            "Flag critical failures explicitly. A scenario that allows unnecessary escalation "
            "without consequence teaches the wrong lesson.",
        ],
        None,
    ),
    (
        "running-a-debrief",
        "Running an after-action debrief that people learn from",
        "Four questions turn a scenario run into a lesson: what should have happened, what did, "
        "why, and what next time.",
        ["scenario-based-training", "leadership-and-supervision"],
        ["supervisors"],
        "daniel-reyes",
        18,
        [
            "A debrief is not a grade. Begin by asking the trainee what they intended, then "
            "compare it with what happened, step by step.",
            "Ask why at each gap. Often the answer is perception: the trainee saw a threat that was "
            "not there, or missed a cue that was.",
            "End with one concrete change the trainee will practise. One change remembered beats "
            "ten forgotten.",
        ],
        ("tip", "Keep it to one change", "Close every debrief with a single thing to practise."),
    ),
    (
        "scenario-realism-on-a-budget",
        "Scenario realism on a small agency budget",
        "You do not need a simulator room to train decision-making; role players, a script and "
        "a stopwatch go a long way.",
        ["scenario-based-training"],
        ["supervisors", "chiefs"],
        "daniel-reyes",
        21,
        [
            "Small agencies often assume scenario training needs expensive equipment. The core "
            "ingredients are a believable story, a role player who responds to what the officer "
            "does, and a structured review.",
            "Browser-based branching scenarios let officers practise decision points on their own "
            "time, leaving live role play for the skills that need a body in the room.",
            "Record decision times. Hesitation and haste both show up in the numbers.",
        ],
        None,
    ),
    (
        "distance-as-a-tool",
        "Distance is a tool, not a retreat",
        "Stepping back to widen the reactionary gap gives you options; here is how to do it "
        "without appearing to abandon the scene.",
        ["communication-tactics", "less-lethal-options"],
        ["patrol"],
        "samuel-adeyemi",
        24,
        [
            "Distance increases the time available to react and reduces the pressure a person "
            "feels. It is one of the few tactics that makes both parties safer at once.",
            "Explain the move if you can: 'I'm going to step back so we can both breathe.' Moving "
            "back without words can read as preparing to act.",
            "Use cover when you have it. Distance behind cover is the strongest position from "
            "which to keep talking.",
        ],
        None,
    ),
    (
        "cover-and-shielding",
        "Cover, shielding and the space to keep talking",
        "Officers behind cover make fewer rushed decisions; this piece looks at using vehicles, "
        "doorways and shields to keep options open.",
        ["less-lethal-options"],
        ["patrol"],
        "samuel-adeyemi",
        27,
        [
            "Cover changes the officer's threat picture. When a bullet or a thrown object cannot "
            "reach you, the need to act immediately falls away.",
            "Shields allow an approach while protecting the officer, but they can also signal "
            "escalation. Decide deliberately when to bring one forward.",
            "Brief every officer on scene about where cover is. Shared awareness prevents one "
            "officer from closing distance while others hold back.",
        ],
        None,
    ),
    (
        "cews-in-a-de-escalation-plan",
        "Where conducted energy weapons fit in a de-escalation plan",
        "A CEW is a force option, not a communication tool; understanding its limits keeps it in "
        "its proper place.",
        ["less-lethal-options", "policy-and-law"],
        ["patrol", "supervisors"],
        "hannah-lindqvist",
        30,
        [
            "Conducted energy weapons can end a dangerous encounter without deadly force, but "
            "they carry risks, particularly for people in medical or behavioural crisis.",
            "Policies increasingly require a warning before deployment when feasible, and limit "
            "repeated or extended cycles.",
            "Drawing a CEW changes the tone of a scene. Consider whether the same result can be "
            "achieved with more time, distance or a different communicator.",
        ],
        ("policy", "Check your policy", "Warning and cycle limits differ between agencies."),
    ),
    (
        "launchers-and-impact-rounds",
        "Launchers and impact rounds: distance with a cost",
        "Extended-range impact tools let officers act from distance, but accuracy, target areas "
        "and medical follow-up matter.",
        ["less-lethal-options"],
        ["patrol", "supervisors"],
        "samuel-adeyemi",
        33,
        [
            "Launchers allow officers to address a threat from beyond arm's reach, which can make "
            "deadly force unnecessary. They also cause serious injuries when misused.",
            "Training must cover target areas, the minimum distance the maker specifies and the "
            "decision to deploy, not only marksmanship.",
            "Every deployment should trigger medical evaluation and a supervisor's review.",
        ],
        None,
    ),
    (
        "restraint-and-positional-asphyxia",
        "Restraint after the struggle: positional risks",
        "The minutes after a person is restrained carry their own dangers; recovery position "
        "and constant monitoring save lives.",
        ["less-lethal-options", "officer-wellness"],
        ["patrol"],
        "grace-whitfield",
        36,
        [
            "Once a person is handcuffed, the risk shifts. Weight on the back or neck and a prone "
            "position can restrict breathing, especially after exertion.",
            "Move the person onto their side or to a seated position as soon as it is safe, and "
            "assign one officer to watch breathing and responsiveness.",
            "Call for medical aid early when someone has struggled hard, is intoxicated or shows "
            "signs of extreme agitation.",
        ],
        (
            "caution",
            "Roll them over",
            "Get a restrained person off their stomach as soon as it is safe.",
        ),
    ),
    (
        "duty-to-intervene",
        "Duty to intervene: what it asks of every officer",
        "Many agencies now require officers to step in when a colleague uses excessive force; "
        "the skill is intervening early and well.",
        ["policy-and-law", "leadership-and-supervision"],
        ["patrol", "supervisors", "chiefs"],
        "hannah-lindqvist",
        40,
        [
            "A duty to intervene makes every officer responsible for the conduct of those around "
            "them. It is easiest to act before force begins, when a colleague's frustration shows.",
            "Early intervention can be a touch on the shoulder, a code word or an offer to take "
            "over as communicator.",
            "Training should include practice in intervening, because peer pressure is strong and "
            "the moment is short.",
        ],
        None,
    ),
    (
        "documenting-de-escalation",
        "Documenting de-escalation: writing what you tried",
        "Reports that record only the force used hide the work that preceded it; here is how to "
        "write a narrative that shows your decisions.",
        ["policy-and-law"],
        ["patrol", "supervisors"],
        "hannah-lindqvist",
        43,
        [
            "A growing number of policies require officers to document de-escalation attempts, and "
            "to explain why force was needed when it was used.",
            "Write in sequence: what you knew on arrival, what you tried, how the person responded, "
            "and what you did next. Specific words beat general ones.",
            "Include injuries, medical aid and transport. A complete narrative protects the officer "
            "and the agency as much as the public.",
        ],
        None,
    ),
    (
        "policy-brief-warnings",
        "Giving warnings that a person can act on",
        "A warning is only useful if the person hears it, understands it and has time to comply; "
        "this brief looks at what policies now expect.",
        ["policy-and-law", "communication-tactics"],
        ["patrol"],
        "hannah-lindqvist",
        47,
        [
            "Warnings before force, when feasible, are a common requirement. Their purpose is to "
            "give a person a real chance to change course.",
            "Deliver the warning calmly, explain the consequence and leave time to respond. A "
            "shouted warning followed immediately by force rarely counts.",
            "Consider language, hearing and comprehension. If the person cannot understand the "
            "warning, it has not been given.",
        ],
        None,
    ),
    (
        "legitimacy-and-procedural-justice",
        "Procedural justice at the roadside",
        "People judge police by how they are treated as much as by the outcome; four principles "
        "make a stop feel fair.",
        ["policy-and-law", "communication-tactics"],
        ["patrol", "chiefs"],
        "hannah-lindqvist",
        52,
        [
            "Voice, neutrality, respect and trustworthy motives are the four pillars of procedural "
            "justice. They cost nothing and lower the odds of conflict.",
            "Explain the reason for the stop early. Uncertainty drives frustration.",
            "Let the person speak. Even when the outcome does not change, being heard shapes how "
            "they respond to the officer and to the next one.",
        ],
        None,
    ),
    (
        "stress-physiology-for-patrol",
        "Your body on stress: what happens at 145 beats a minute",
        "Tunnel vision, auditory exclusion and loss of fine motor control are predictable; knowing "
        "them helps you work around them.",
        ["officer-wellness"],
        ["patrol"],
        "grace-whitfield",
        56,
        [
            "Sudden stress releases hormones that narrow attention and speed the heart. Vision "
            "tunnels, hearing fades and complex tasks become harder.",
            "These effects are normal. What helps is training that makes key actions simple, and "
            "habits that widen attention again: scanning, breathing, naming what you see.",
            "Officers who understand their own stress response are better placed to read the same "
            "response in the person in front of them.",
        ],
        None,
    ),
    (
        "tactical-breathing",
        "Tactical breathing in ninety seconds",
        "A short, repeatable breathing routine lowers heart rate before and after a call; here "
        "is a version you can do in the car.",
        ["officer-wellness"],
        ["patrol"],
        "grace-whitfield",
        60,
        [
            "Box breathing is simple: in for four counts, hold for four, out for four, hold for "
            "four. Three or four rounds take about a minute.",
            "Use it on the way to a call you expect to be difficult, and again afterwards while "
            "writing the report.",
            "It is not a cure for accumulated stress, but it gives you a moment of control when "
            "you most need it.",
        ],
        ("tip", "Four, four, four, four", "Breathe in, hold, out, hold: four counts each."),
    ),
    (
        "after-the-critical-incident",
        "After the critical incident: looking after your people",
        "What supervisors do in the hours and weeks after a hard call shapes whether officers "
        "recover well.",
        ["officer-wellness", "leadership-and-supervision"],
        ["supervisors", "chiefs"],
        "grace-whitfield",
        65,
        [
            "Officers involved in a critical incident may feel numb, wired or both. Sleep, appetite "
            "and concentration often change for days.",
            "Supervisors can help by checking in personally, explaining the review process clearly "
            "and making peer support or counselling easy to reach.",
            "Avoid casual judgement of the incident before the review. Early words from a "
            "supervisor carry great weight.",
        ],
        None,
    ),
    (
        "body-worn-cameras-and-review",
        "Body-worn cameras as a training tool",
        "Footage is usually discussed as evidence; used with care, it is also the best material "
        "for teaching de-escalation.",
        ["technology", "scenario-based-training"],
        ["supervisors"],
        "samuel-adeyemi",
        70,
        [
            "Reviewing real footage shows decision points more clearly than any script. Officers "
            "see what they noticed and what they missed.",
            "Use footage with consent and within policy, and focus on decisions rather than blame.",
            "Pair a clip with the CDM: at each pause, ask what information the officer had and what "
            "options were open.",
        ],
        None,
    ),
    (
        "drones-on-crisis-calls",
        "Drones on crisis calls: eyes without pressure",
        "An aerial view can locate a person and reveal hazards without sending officers closer; "
        "used well, it creates time.",
        ["technology", "crisis-intervention"],
        ["supervisors", "chiefs"],
        "samuel-adeyemi",
        75,
        [
            "Small drones can give a supervisor a view of a barricaded person or an open area "
            "without moving officers into the line of sight.",
            "That view supports slowing down: a person who is not moving toward anyone is a person "
            "you can keep talking to.",
            "Agencies need clear policies on flight, privacy and retention before the first "
            "deployment, not after.",
        ],
        None,
    ),
    (
        "records-systems-and-de-escalation-data",
        "What records systems miss about de-escalation",
        "Most data sets describe the force used but not what was tried first; closing that gap "
        "starts with the report form.",
        ["technology", "policy-and-law"],
        ["chiefs"],
        "hannah-lindqvist",
        80,
        [
            "Public use-of-force data sets typically record the call type, force type and injuries, "
            "but have no columns for the de-escalation attempted beforehand.",
            "Without that information, command staff cannot see whether training is changing "
            "behaviour on the street.",
            "Structured fields for techniques, in the same vocabulary used in training, make the "
            "question answerable.",
        ],
        None,
    ),
    (
        "sergeants-set-the-tone",
        "Sergeants set the tone for de-escalation",
        "Officers copy what their first-line supervisor rewards; here is how sergeants make "
        "patience the norm.",
        ["leadership-and-supervision"],
        ["supervisors"],
        "samuel-adeyemi",
        85,
        [
            "What a sergeant praises in roll call and questions in report review tells the squad "
            "what really matters.",
            "Recognise good de-escalation by name and in detail. 'You took your time and it paid "
            "off' is worth more than a general thank-you.",
            "Responding to scenes where de-escalation is likely to be needed also models the "
            "behaviour directly.",
        ],
        None,
    ),
    (
        "reviewing-reports-with-purpose",
        "Reviewing de-escalation reports with purpose",
        "Report review is a coaching opportunity; a short checklist helps supervisors give "
        "consistent, useful feedback.",
        ["leadership-and-supervision", "policy-and-law"],
        ["supervisors"],
        "samuel-adeyemi",
        90,
        [
            "When reviewing a report, look for the sequence of decisions, not only for compliance "
            "with required fields.",
            "Ask whether the narrative explains why each technique was chosen and how the person "
            "responded.",
            "Return reports with specific comments. Vague feedback teaches nothing and breeds "
            "resentment.",
        ],
        None,
    ),
    (
        "measuring-what-matters",
        "Measuring what matters: de-escalation metrics for command staff",
        "Counts of force incidents alone mislead; chiefs need rates, context and the record of "
        "what was tried.",
        ["leadership-and-supervision", "policy-and-law"],
        ["chiefs"],
        "hannah-lindqvist",
        96,
        [
            "A falling number of force incidents can mean better practice, fewer calls or less "
            "reporting. Rates per call and per arrest are more honest.",
            "Look at injuries to officers and subjects together, and at how often de-escalation was "
            "documented at all.",
            "Treat individual figures as prompts for a conversation, not as verdicts. Small numbers "
            "swing wildly.",
        ],
        None,
    ),
    (
        "budgeting-for-training",
        "Budgeting for de-escalation training that sticks",
        "One-off courses fade within months; chiefs who fund refreshers and scenario practice see "
        "lasting change.",
        ["leadership-and-supervision", "scenario-based-training"],
        ["chiefs"],
        "daniel-reyes",
        102,
        [
            "A single day of training can shift attitudes, but skills decay without practice.",
            "Plan for regular short refreshers, scenario repetitions and supervisor coaching, and "
            "budget for trainer time as well as course time.",
            "Track completion and scores, but also field reports. The goal is behaviour on the "
            "street, not certificates.",
        ],
        None,
    ),
    (
        "language-barriers",
        "When the person does not share your language",
        "A language barrier can look like defiance; interpreters, simple words and gestures "
        "reduce the risk of a misread.",
        ["communication-tactics", "crisis-intervention"],
        ["patrol"],
        "maria-okafor",
        108,
        [
            "Commands that are not understood cannot be followed. Check for comprehension before "
            "treating silence or confusion as resistance.",
            "Use a telephone interpreter line, a bilingual colleague, or translation tools when "
            "time allows. Avoid relying on children to interpret.",
            "Keep sentences short and concrete, and show what you want when you can.",
        ],
        None,
    ),
    (
        "intoxication-and-capacity",
        "Intoxication, capacity and the decision to wait",
        "A person who is heavily intoxicated may not be able to follow instructions; patience "
        "and medical awareness reduce injuries.",
        ["crisis-intervention", "officer-wellness"],
        ["patrol"],
        "grace-whitfield",
        115,
        [
            "Alcohol and drugs slow processing and affect balance. A person may want to comply and "
            "still be unable to.",
            "Watch for signs of medical emergency: confusion, very high temperature, extreme "
            "agitation. These need medical aid, not only control.",
            "If there is no immediate threat, waiting for a calmer moment or for medical staff is "
            "often the safest course.",
        ],
        None,
    ),
    (
        "youth-encounters",
        "Encounters with young people: adjusting your approach",
        "Adolescents respond differently to authority under stress; small changes in tone and "
        "posture make a large difference.",
        ["communication-tactics"],
        ["patrol", "supervisors"],
        "maria-okafor",
        122,
        [
            "Young people are more likely to act impulsively and to react strongly to perceived "
            "disrespect.",
            "Lower your posture, use their name, and explain what will happen next. Giving a choice "
            "between acceptable options restores a sense of control.",
            "Involve a trusted adult when possible, and be mindful of peers watching.",
        ],
        None,
    ),
    (
        "calling-for-resources-early",
        "Calling for resources early, not as a last resort",
        "Backup, a supervisor or a crisis team is most useful before the situation peaks; asking "
        "early is a sign of good judgement.",
        ["leadership-and-supervision", "crisis-intervention"],
        ["patrol", "supervisors"],
        "samuel-adeyemi",
        130,
        [
            "Officers sometimes delay asking for help for fear of seeming unable to cope. Agencies "
            "should make clear that early requests are expected.",
            "A supervisor on scene can authorise more time, coordinate resources and take the "
            "pressure off the communicator.",
            "Dispatch can help by offering resources when call details suggest a crisis.",
        ],
        None,
    ),
    (
        "evidence-base-for-de-escalation",
        "What the evidence says about de-escalation training",
        "Independent evaluations of structured curricula show reductions in force and injuries; "
        "here is how to read the studies.",
        ["scenario-based-training", "policy-and-law"],
        ["chiefs", "supervisors"],
        "hannah-lindqvist",
        140,
        [
            "Evaluations of structured de-escalation curricula built around a decision-making model "
            "have found fewer uses of force and fewer injuries to officers and the public after "
            "training.",
            "Results vary with how training is delivered and reinforced. Agencies that follow up "
            "with supervision and practice tend to see stronger effects.",
            "When reading a study, look at the comparison group, the time frame and whether the "
            "data came from reports written before and after the change.",
        ],
        None,
    ),
]
