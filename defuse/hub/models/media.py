"""Videos and webinars: items with media we serve ourselves, never a third-party embed."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from .. import page_hooks
from ..video_files import probe, running_time
from .items import HubItemPage

TIME_ZONES = sorted(zoneinfo.available_timezones())


def document_field(help_text: str, **options):
    return models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
        **options,
    )


def newly_attached(page, field: str) -> bool:
    """Whether the document in field differs from the saved page's: only a new file is read
    (a long recording in object storage would be fetched again at every save)."""
    if page.pk is None:
        return True
    attname = page._meta.get_field(field).attname
    saved = type(page).objects.filter(pk=page.pk).values_list(attname, flat=True).first()
    return saved != getattr(page, attname) or (
        field.startswith("video") and not page.duration_seconds
    )


class VideoPage(HubItemPage):
    """A video served from our own media storage with captions and a transcript."""

    video_file = document_field(
        "The video as an MP4 with H.264 video and AAC audio: it plays in every browser. "
        "Required to publish a video we serve.",
        blank=True,
    )
    video_file_webm = document_field(
        "Optional: the same video as WebM (VP9 or AV1), smaller for browsers that play it.",
        blank=True,
    )
    # blank=False: Wagtail lets a draft be saved without it, but refuses to publish without it.
    captions = document_field("A WebVTT (.vtt) captions file. Required before publishing.")
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The still image shown before the video plays.",
    )
    external_url = models.URLField(
        blank=True,
        help_text="If the video lives on another site, its address. It is shown as a link, "
        "never embedded.",
    )
    duration_seconds = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Running time, read from the file."
    )
    transcript = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="The full transcript, for readers who cannot or prefer not to watch.",
    )

    content_panels = [
        *HubItemPage.content_panels,
        *HubItemPage.listing_panels,
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("video_file_webm"),
                FieldPanel("captions"),
                FieldPanel("poster"),
                FieldPanel("external_url"),
            ],
            heading="Video",
        ),
        FieldPanel("transcript"),
    ]
    search_fields = [*HubItemPage.search_fields, index.SearchField("transcript")]
    template = "hub/video_page.html"

    class Meta:
        verbose_name = "video"

    def clean(self):
        super().clean()
        errors = {}
        if not self.video_file and not self.video_file_webm and not self.external_url:
            errors["video_file"] = "Upload the video, or give the address where it is hosted."
        if self.video_file_webm and not self.video_file:
            errors["video_file"] = (
                "Add the MP4 (H.264 video, AAC audio) too: a WebM file alone does not play on "
                "older iPhones and iPads."
            )
        if self.video_file and newly_attached(self, "video_file"):
            facts = probe(self.video_file)
            if facts is None:
                errors["video_file"] = "This file could not be read as a video."
            elif not facts.plays_everywhere:
                errors["video_file"] = (
                    f"This is an {facts.describe()}. Browsers play an MP4 only with H.264 "
                    "video and AAC audio: export or convert it again as H.264/AAC."
                )
            else:
                self.duration_seconds = round(facts.seconds) or None
        if self.video_file_webm and newly_attached(self, "video_file_webm"):
            facts = probe(self.video_file_webm)
            if facts is None or not facts.is_webm:
                found = f"This is an {facts.describe()}. " if facts else ""
                errors["video_file_webm"] = (
                    f"{found}The WebM copy must be a WebM file with VP8, VP9 or AV1 video."
                )
            elif not self.video_file:
                self.duration_seconds = round(facts.seconds) or None
        if self.captions and not self.captions.file.name.lower().endswith(".vtt"):
            errors["captions"] = "Captions must be a WebVTT file ending in .vtt."
        if errors:
            raise ValidationError(errors)

    @property
    def running_time(self) -> str:
        return running_time(self.duration_seconds)


class WebinarPage(RoutablePageMixin, HubItemPage):
    """A live online session with registration; on demand once its recording is attached."""

    starts_at = models.DateTimeField(help_text="When the webinar starts.")
    time_zone = models.CharField(
        max_length=64,
        choices=[(name, name) for name in TIME_ZONES],
        default="America/Chicago",
        help_text="The time zone readers see the start time in.",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, help_text="Planned length in minutes."
    )
    presenters = ParentalManyToManyField(
        "hub.Author", blank=True, related_name="webinars", help_text="Who presents it."
    )
    capacity = models.PositiveIntegerField(
        default=500, help_text="How many people may register. Registration closes when full."
    )
    join_url = models.URLField(
        blank=True, help_text="Where registrants join the live session; sent in the confirmation."
    )
    description = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="What the session covers and who should attend.",
    )
    recording = document_field(
        "The recording, as an MP4 with H.264 video and AAC audio. Once attached, the webinar "
        "is 'on demand'.",
        blank=True,
    )
    recording_captions = document_field("WebVTT captions for the recording.", blank=True)

    content_panels = [
        *HubItemPage.content_panels,
        *HubItemPage.listing_panels,
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("time_zone"),
                FieldPanel("duration_minutes"),
                FieldPanel("presenters"),
                FieldPanel("capacity"),
                FieldPanel("join_url"),
            ],
            heading="Session",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("recording"), FieldPanel("recording_captions")], heading="Recording"
        ),
    ]
    search_fields = [
        *HubItemPage.search_fields,
        index.SearchField("description"),
        index.FilterField("starts_at"),
    ]
    template = "hub/webinar_page.html"

    class Meta:
        verbose_name = "webinar"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def status(self) -> str:
        """'upcoming' until it ends, then 'on demand' with a recording, else 'past'."""
        if timezone.now() < self.ends_at:
            return "upcoming"
        return "on demand" if self.recording_id else "past"

    @property
    def is_open_for_registration(self) -> bool:
        return self.status == "upcoming"

    @path("")
    def landing(self, request):
        """The webinar with its registration form (webinars.webinar_page)."""
        return page_hooks.call(page_hooks.WEBINAR, request, self)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        return page_hooks.call(page_hooks.WEBINAR_CALENDAR, request, self)

    def clean(self):
        super().clean()
        if self.recording and newly_attached(self, "recording"):
            facts = probe(self.recording)
            if facts is None or not facts.plays_everywhere:
                found = f"This is an {facts.describe()}. " if facts else ""
                raise ValidationError(
                    {
                        "recording": f"{found}The recording must be an MP4 with H.264 video and "
                        "AAC audio, which every browser plays."
                    }
                )


class WebinarRegistration(models.Model):
    """Someone who registered for a webinar. Kept only for the session's logistics."""

    class Role(models.TextChoices):
        PATROL = "patrol", "Patrol officer or deputy"
        SUPERVISOR = "supervisor", "Supervisor or field training officer"
        COMMAND = "command", "Chief or command staff"
        TRAINER = "trainer", "Trainer or academy staff"
        CIVILIAN = "civilian", "Civilian staff or partner"
        OTHER = "other", "Other"

    webinar = models.ForeignKey(WebinarPage, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(max_length=120, help_text="Registrant's full name.")
    email = models.EmailField(help_text="Where the confirmation and joining link go.")
    agency = models.CharField(max_length=160, help_text="Agency or organisation.")
    role = models.CharField(max_length=20, choices=Role.choices, help_text="Registrant's role.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "email"], name="one_registration_per_email")
        ]

    def __str__(self):
        return f"{self.name} for {self.webinar}"
