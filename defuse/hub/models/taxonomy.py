"""Who content is for, what it is about, and who wrote it."""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .pages import TopicPage


class Audience(models.Model):
    """One of the fixed reader groups: patrol, supervisors, chiefs (rows made by a migration)."""

    PATROL = "patrol"
    SUPERVISORS = "supervisors"
    CHIEFS = "chiefs"
    CHOICES = [(PATROL, "Patrol"), (SUPERVISORS, "Supervisors"), (CHIEFS, "Chiefs")]

    slug = models.SlugField(unique=True, help_text="Stable code used in filters and URLs.")
    name = models.CharField(max_length=60, help_text="Label readers see.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        """The topic listing filtered by this audience: an audience has no page of its own."""
        return TopicPage.filtered_listing_url("audience", self.slug)


class Subtopic(index.Indexed, models.Model):
    """A strand of the de-escalation topic, such as crisis intervention or policy and law."""

    name = models.CharField(max_length=80, unique=True, help_text="Label readers see.")
    slug = models.SlugField(unique=True, help_text="Code used in filters and URLs.")
    description = models.TextField(blank=True, help_text="One or two sentences for listings.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        """Its subtopic page when one is live, else the topic listing filtered by it."""
        page = TopicPage.objects.filter(subtopic=self).live().public().order_by("path").first()
        if page is not None and page.url:
            return page.url
        return TopicPage.filtered_listing_url("subtopic", self.slug)


class Author(index.Indexed, models.Model):
    """A writer, trainer or presenter credited on hub items."""

    name = models.CharField(max_length=120, help_text="Full name as credited.")
    slug = models.SlugField(unique=True, help_text="Code used in this author's page address.")
    job_title = models.CharField(
        max_length=160, blank=True, help_text="Role and agency, e.g. 'Sergeant, Crisis Unit'."
    )
    bio = models.TextField(blank=True, help_text="A short biography, a few sentences.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("hub:author", args=[self.slug])
