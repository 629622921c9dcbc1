"""A Minneapolis-shaped use-of-force file of any size for the import benchmark: the city's
published columns, one row per force type applied (one to three per incident, a fifth of the
incidents with two people), five years of dates in the city's format. Invented values."""

import csv
import random

COLUMNS = ["X", "Y", "PoliceUseOfForceID", "CaseNumber", "ResponseDate", "Problem", "Is911Call",
           "PrimaryOffense", "SubjectInjury", "ForceReportNumber", "SubjectRole",
           "SubjectRoleNumber", "ForceType", "ForceTypeAction", "Race", "Sex", "EventAge",
           "TypeOfResistance", "Precinct", "Neighborhood", "TotalCityCallsForYear",
           "TotalPrecinctCallsForYear", "TotalNeighborhoodCallsForYear", "CenterGBSID",
           "CenterLatitude", "CenterLongitude", "CenterX", "CenterY", "DateAdded",
           "OBJECTID"]  # fmt: skip
PROBLEMS = ["Domestic Abuse-In Progress (domip)", "Suspicious Person (susp)", "Disturbance (dist)",
            "Emotionally Disturbed Person (edp)", "Traffic Law Enforcement (traf)",
            "Shoplifting Problem (shopl)", "Assault in Progress (asltip)", "Check Welfare (cwp)",
            "Unwanted Person (unwant)"]  # fmt: skip
FORCE = ["Bodily Force", "Taser", "Chemical Irritant", "Gun Point Display", "Police K9 Bite"]
RACES = ["Black", "White", "Asian", "Native American", "Unknown", "Other / Mixed Race"]
SEXES = ["Male", "Female", "Unknown"]
RESIST = ["Tensed", "Verbal Non-Compliance", "Fled on Foot", "Assaulted Officer", "Unspecified"]


def write_file(path, rows: int, seed: int = 5) -> int:
    """Writes about `rows` rows (whole incidents); returns the number of incidents."""
    rng = random.Random(seed)
    written = incidents = 0
    with open(path, "w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(COLUMNS)
        while written < rows:
            incidents += 1
            year, month, day = rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)
            hour, minute = rng.randint(0, 23), rng.randint(0, 59)
            when = f"{year}/{month:02d}/{day:02d} {hour:02d}:{minute:02d}:00+00"
            case, problem = f"{year % 100}-{incidents:07d}", rng.choice(PROBLEMS)
            precinct = str(rng.randint(1, 5))
            for person in range(1, (2 if rng.random() < 0.2 else 1) + 1):
                race, sex, age = rng.choice(RACES), rng.choice(SEXES), str(rng.randint(14, 70))
                injured, resistance = rng.choice(["Yes", "No", "No"]), rng.choice(RESIST)
                for number in range(1, rng.choice([1, 1, 2, 3]) + 1):
                    written += 1
                    out.writerow(["-93.27", "44.96", written, case, when, problem, "Yes", "ASLT5",
                                  injured, number, "Suspect", person, rng.choice(FORCE), "Action",
                                  race, sex, age, resistance, precinct, "Whittier", 410000, 90000,
                                  12000, 1234, "44.9", "-93.2", "", "", when, written])  # fmt: skip
    return incidents
