"""Original demo items of every type other than article. Synthetic people, places and events."""

VIDEO = {
    "slug": "video-tactical-pause-in-practice",
    "title": "The tactical pause in practice (short video)",
    "teaser": "A six-second training clip showing the words an officer uses to slow a scene down, "
    "with captions and a transcript.",
    "subtopics": ["communication-tactics"],
    "audiences": ["patrol"],
    "techniques": ["tactical-pause", "distance", "tactical-communication"],
    "author": "daniel-reyes",
    "days_ago": 1,
    "transcript": "<p>Officer: We have time. Let's both take a breath.</p>"
    "<p>Officer: I'm going to step back so you have some room.</p>"
    "<p>Officer: Tell me what's going on today.</p>",
}

WEBINAR = {
    "slug": "webinar-supervising-crisis-calls",
    "title": "Webinar: supervising crisis calls from the first radio call",
    "teaser": "A live session for sergeants on what to ask, whom to send and when to go to the "
    "scene yourself when a crisis call comes in.",
    "subtopics": ["leadership-and-supervision", "crisis-intervention"],
    "audiences": ["supervisors"],
    "techniques": ["supervisor-on-scene", "cit-coresponder", "resources-backup"],
    "author": "samuel-adeyemi",
    "days_ago": 3,
    "starts_in_days": 14,
    "description": "<p>Sixty minutes on the supervisor's part in crisis calls: reading the call "
    "notes, sending a co-responder, giving the communicator time, and debriefing after.</p>",
}

CASE_STUDY = {
    "slug": "case-study-man-on-the-overpass",
    "title": "Case study: the man on the overpass",
    "teaser": "Two officers and a clinician spent forty minutes talking a distressed man back from "
    "a highway railing; each decision point, step by step.",
    "subtopics": ["crisis-intervention", "communication-tactics"],
    "audiences": ["patrol", "supervisors"],
    "techniques": ["time", "distance", "tactical-communication", "cit-coresponder"],
    "author": "maria-okafor",
    "days_ago": 5,
    "incident_summary": "<p>A driver reported a man standing outside the railing of a highway "
    "overpass at dusk. Two patrol officers arrived within six minutes; a mental-health clinician "
    "from the co-responder team arrived twelve minutes later. This account is fictional, built "
    "for training from common features of such calls.</p>",
    "timeline": [
        (
            "On approach",
            "Dispatch reported the man was alone and not armed.",
            "The officers parked away from the overpass and walked up without lights or sirens.",
            "collect",
        ),
        (
            "Arrival",
            "The man shouted at them to stay back.",
            "They stopped at about fifteen metres and agreed that one officer would speak.",
            "assess",
        ),
        (
            "Minute 4",
            "Traffic below was still moving.",
            "The supervisor asked for the road below to be closed and for the co-responder team.",
            "options",
        ),
        (
            "Minute 20",
            "Rapport with the first officer stalled.",
            "The clinician took over as communicator, introduced by the officer.",
            "act",
        ),
    ],
    "outcome": "<p>After forty minutes the man climbed back over the railing and agreed to go "
    "to hospital. Nobody was injured. No force was used.</p>",
    "lessons": "<p>Distance and a single communicator bought the time the clinician needed. "
    "Closing the road below removed pressure on everyone.</p>",
}

POLICY_BRIEF = {
    "slug": "policy-brief-documenting-de-escalation",
    "title": "Policy brief: a city requires de-escalation in every force report",
    "teaser": "A fictional mid-sized city now requires officers to document what they tried "
    "before force, in six set questions; what changes for patrol.",
    "subtopics": ["policy-and-law"],
    "audiences": ["patrol", "supervisors", "chiefs"],
    "techniques": ["calm-warnings"],
    "author": "hannah-lindqvist",
    "days_ago": 7,
    "jurisdiction": "City of Riverton (fictional)",
    "effective_in_days": -30,
    "what_changed": "<p>Every report that involves force must describe the de-escalation tried "
    "beforehand, why force was needed, why that level, injuries, medical aid and transport.</p>",
    "why_it_matters": "<p>Supervisors must review the narrative by the end of the shift, and "
    "reports without the six answers are returned.</p>",
}

TOOL_PROFILE = {
    "slug": "tool-profile-small-drones",
    "title": "Tool profile: small drones on crisis calls",
    "teaser": "What a small camera drone can and cannot do to create time and distance on a "
    "crisis call, and the policy questions to settle first.",
    "subtopics": ["technology", "less-lethal-options"],
    "audiences": ["supervisors", "chiefs"],
    "techniques": ["distance", "time", "containment"],
    "author": "samuel-adeyemi",
    "days_ago": 9,
    "category": "drones_robots",
    "how_it_works": "<p>A small battery-powered aircraft carries a camera and streams video to a "
    "pilot and, often, to a supervisor's tablet.</p>",
    "where_it_fits": "<p>It lets officers see a person or a hazard without moving closer, which "
    "supports slowing down. It does not communicate, and it can feel intrusive.</p>",
    "considerations": "<p>Settle flight rules, privacy and video retention before the first "
    "flight, and tell the public what the drone is for.</p>",
}
