"""Monthly counts that Insights reads instead of a million report rows. Each row counts the
approved, real reports of one month and unit that share the same call type, outcome and flags.
facts.py rebuilds a month-and-unit slice whenever a report in it is approved."""

from django.db import models


class ReportFact(models.Model):
    month = models.DateField(help_text="First day of the month the encounters happened in.")
    # SET_NULL like Report.unit: a deleted unit's encounters stay counted, as "no unit".
    unit = models.ForeignKey(
        "accounts.Unit", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    call_type = models.CharField(max_length=30, blank=True)
    outcome = models.CharField(max_length=30, blank=True)
    crisis = models.BooleanField()
    force_used = models.BooleanField()
    documented = models.BooleanField(help_text="At least one technique was documented.")
    subject_injured = models.BooleanField()
    officer_injured = models.BooleanField()
    reports = models.PositiveIntegerField()
    reviewed = models.PositiveIntegerField(help_text="Reports with both review timestamps.")
    review_seconds = models.FloatField(help_text="Sum of seconds from submission to approval.")

    carried = models.BooleanField(
        default=False, help_text="Counts of purged reports (records retention): never recounted."
    )

    class Meta:
        indexes = [models.Index(fields=["month", "unit"])]

    def __str__(self):
        return f"{self.month:%Y-%m} unit {self.unit_id}: {self.reports}"


class TechniqueFact(models.Model):
    month = models.DateField()
    # SET_NULL like Report.unit: a deleted unit's encounters stay counted, as "no unit".
    unit = models.ForeignKey(
        "accounts.Unit", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    technique = models.ForeignKey("core.Technique", on_delete=models.CASCADE, related_name="+")
    force_used = models.BooleanField()
    reports = models.PositiveIntegerField()

    carried = models.BooleanField(
        default=False, help_text="Counts of purged reports (records retention): never recounted."
    )

    class Meta:
        indexes = [models.Index(fields=["month", "unit"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.technique_id}: {self.reports}"


class StaleSlice(models.Model):
    """A month-and-unit slice (or everything) whose counts a change made stale. Written in the
    change's own transaction, so no committed approval or import is ever left uncounted: the
    worker recounts and deletes these after the commit, and a sweep every minute recounts any
    that a stopped process or a queue outage left behind (tasks.recount_stale)."""

    everything = models.BooleanField(default=False)
    month = models.DateField(null=True)
    unit = models.ForeignKey("accounts.Unit", null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return "everything" if self.everything else f"{self.month:%Y-%m} unit {self.unit_id}"


class SubjectFact(models.Model):
    """People in approved, real encounters, by month and unit and by what the report records of
    them: sex, race, age band, whether force was used on them, whether they were injured. A
    person counts once per encounter they were in (encounters, not residents)."""

    month = models.DateField()
    unit = models.ForeignKey(
        "accounts.Unit", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sex = models.CharField(
        max_length=10, blank=True, help_text="The FBI code; empty: not recorded."
    )
    race = models.CharField(
        max_length=10, blank=True, help_text="The FBI code, 'multiple', or empty: not recorded."
    )
    age_band = models.CharField(max_length=20, blank=True)
    force_used = models.BooleanField(help_text="Force was used on the person.")
    injured = models.BooleanField()
    people = models.PositiveIntegerField()

    carried = models.BooleanField(
        default=False, help_text="Counts of purged reports (records retention): never recounted."
    )

    class Meta:
        indexes = [models.Index(fields=["month", "unit"])]

    def __str__(self):
        return f"{self.month:%Y-%m} unit {self.unit_id}: {self.people} people"


class TrainingFact(models.Model):
    """Approved training entries by month and unit: never counted in the figures, but the pages
    say how many were left out."""

    month = models.DateField()
    unit = models.ForeignKey(
        "accounts.Unit", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reports = models.PositiveIntegerField()

    carried = models.BooleanField(
        default=False, help_text="Counts of purged reports (records retention): never recounted."
    )

    class Meta:
        indexes = [models.Index(fields=["month", "unit"])]

    def __str__(self):
        return f"{self.month:%Y-%m} unit {self.unit_id}: {self.reports} training entries"
