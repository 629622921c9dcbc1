"""Defuse's own search index: one row per thing a reader can find, with its analysed text.

The rows are written by hub/search_index.py (hub items) and by the apps above the hub for their
own things (training scenarios, checklist items). Matching runs on a full-text index kept beside
the table by the database: an FTS5 table on SQLite, a generated tsvector column on PostgreSQL
(migration 0010).
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel


class SearchDocument(models.Model):
    key = models.CharField(max_length=120, unique=True, help_text="'<app>.<model>:<id>'.")
    kind = models.CharField(max_length=40, help_text="What readers call it: 'Scenario'.")
    page = models.OneToOneField(
        "hub.HubItemPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The hub item this is, if it is one: filters and listings read it.",
    )
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    signed_in_only = models.BooleanField(default=False)
    # Analysed text (search_text.analyze), weighted in this order: title, lead, body.
    title_terms = models.TextField(blank=True)
    lead_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    changed = models.DateTimeField(null=True, db_index=True, help_text="Last stored.")

    def __str__(self):
        return self.key

    def tokens(self) -> set[str]:
        return set(f"{self.title_terms} {self.lead_terms} {self.body_terms}".split())


class SearchTerm(models.Model):
    """The index's vocabulary: each token, a word that gives it, and how many rows hold it.
    "Did you mean" and joined-word matching read it."""

    term = models.CharField(max_length=100, primary_key=True)
    word = models.CharField(max_length=100)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class CommonTermRanking(models.Model):
    """A word so common that ranking every document holding it is slow (PostgreSQL), with its
    best documents as the index stood when this was built: a search for such words ranks
    these and what was stored since, not every document (search_index.py)."""

    term = models.CharField(max_length=100, primary_key=True)
    documents = models.JSONField(help_text="Document ids, best first.")
    built = models.DateTimeField()

    def __str__(self):
        return self.term


class Synonym(models.Model):
    """Words and phrases readers use for the same thing; a search for one finds them all."""

    terms = models.TextField(
        help_text=(
            "Two or more words or phrases that mean the same to a reader, separated by commas, "
            "for example: taser, CEW, conducted energy weapon."
        )
    )

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        if len(self.members()) < 2:
            raise ValidationError(
                {"terms": "List at least two words or phrases, separated by commas."}
            )

    def members(self) -> list[str]:
        return [term.strip() for term in self.terms.replace("\n", ",").split(",") if term.strip()]
