"""The review chain: the levels a submitted report goes through, in order, each signing off or
returning it (Snippets → Review chain). A level applies to every report, or only to those where
force was used, someone was injured, a firearm was discharged or a complaint was made. The
first level is the unit's supervisors; later levels are the members of a group (command staff,
the training unit, internal affairs). Chiefs may sign off at any level."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models


class ReviewLevel(models.Model):
    class Reviewers(models.TextChoices):
        UNIT_SUPERVISORS = "unit_supervisors", "The supervisors of the officer's unit"
        GROUP = "group", "The members of a group"

    name = models.CharField(max_length=80, help_text="e.g. Supervisor, Command staff.")
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers review first."
    )
    reviewers = models.CharField(
        max_length=20, choices=Reviewers.choices, default=Reviewers.UNIT_SUPERVISORS
    )
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who signs off at this level, when the reviewers are a group.",
    )
    when_force = models.BooleanField("When force was used", default=False)
    when_injury = models.BooleanField("When someone was injured", default=False)
    when_firearm = models.BooleanField("When a firearm was discharged", default=False)
    when_complaint = models.BooleanField("When a complaint was made", default=False)
    amendments_start_here = models.BooleanField(
        default=False,
        help_text="An amendment of a closed report starts its review at this level (or the "
        "next one that applies). When no level says so, amendments start at the first.",
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "review level"

    def __str__(self):
        return self.name

    def clean(self):
        if self.reviewers == self.Reviewers.GROUP and not self.group_id:
            raise ValidationError({"group": "Choose the group whose members sign off here."})

    def applies_to(self, report) -> bool:
        conditions = [
            (self.when_force, report.force_used),
            (self.when_injury, report.subject_injured or report.officer_injured),
            (self.when_firearm, report.firearm_discharged),
            (self.when_complaint, report.complaint),
        ]
        asked = [found for wanted, found in conditions if wanted]
        return not asked or any(asked)

    @property
    def conditions(self) -> str:
        names = [
            label
            for wanted, label in (
                (self.when_force, "force"),
                (self.when_injury, "injury"),
                (self.when_firearm, "firearm discharged"),
                (self.when_complaint, "complaint"),
            )
            if wanted
        ]
        return "Every report" if not names else "When " + " or ".join(names)


def levels_for(report) -> list[ReviewLevel]:
    """The levels this report goes through, in order."""
    levels = ReviewLevel.objects.select_related("group")
    return [level for level in levels if level.applies_to(report)]


def first_level(report) -> ReviewLevel | None:
    """Where the report's review starts: the first level that applies, or for an amendment
    the level the agency set for amendments (or the next one after it that applies)."""
    levels = levels_for(report)
    if report.amends_id:
        start = ReviewLevel.objects.filter(amendments_start_here=True).first()
        if start is not None:
            place = (start.sort_order, start.pk)
            later = [level for level in levels if (level.sort_order, level.pk) >= place]
            if later:
                return later[0]
    return levels[0] if levels else None


def next_level(report, after: ReviewLevel | None) -> ReviewLevel | None:
    """The level after `after` that applies to the report; None when `after` was the last."""
    if after is None:
        return None
    place = (after.sort_order, after.pk)
    later = [level for level in levels_for(report) if (level.sort_order, level.pk) > place]
    return later[0] if later else None
