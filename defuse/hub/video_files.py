"""What an uploaded video really is, read from the file with FFmpeg (PyAV): its container,
codecs and running time. A name ending in .mp4 says nothing about whether a phone can play it.

Every browser plays an MP4 with H.264 video and AAC audio; WebM (VP8, VP9 or AV1 with Opus or
Vorbis) is smaller but does not play everywhere (older iPhones and iPads), so a video page needs
the MP4 and may add a WebM copy.
"""

import logging
from dataclasses import dataclass

import av

logger = logging.getLogger(__name__)

MP4_VIDEO, MP4_AUDIO = {"h264"}, {"aac"}
WEBM_VIDEO, WEBM_AUDIO = {"vp8", "vp9", "av1"}, {"opus", "vorbis"}


@dataclass(frozen=True)
class VideoFacts:
    container: str  # "mp4" or "webm", or FFmpeg's own name for anything else
    video: str | None
    audio: str | None
    seconds: float

    @property
    def plays_everywhere(self) -> bool:
        return (
            self.container == "mp4"
            and self.video in MP4_VIDEO
            and self.audio in (MP4_AUDIO | {None})
        )

    @property
    def is_webm(self) -> bool:
        return (
            self.container == "webm"
            and self.video in WEBM_VIDEO
            and self.audio in (WEBM_AUDIO | {None})
        )

    def describe(self) -> str:
        codecs = " and ".join(c for c in (self.video, self.audio) if c) or "no known codec"
        return f"{self.container.upper()} file with {codecs}"


def probe(document) -> VideoFacts | None:
    """The facts of a Wagtail document's file, or None when FFmpeg cannot read it as a video."""
    try:
        with document.file.open("rb") as handle, av.open(handle, mode="r") as container:
            names = container.format.name.split(",")
            kind = "mp4" if "mp4" in names else "webm" if "webm" in names else names[0]
            video = next((s.codec_context.name for s in container.streams.video), None)
            audio = next((s.codec_context.name for s in container.streams.audio), None)
            seconds = (container.duration or 0) / av.time_base
    except (av.FFmpegError, OSError, ValueError) as error:
        logger.info("Not a readable video: %s (%s)", document.file.name, error)
        return None
    if video is None:
        return None
    return VideoFacts(kind, video, audio, seconds)


def running_time(seconds: int | None) -> str:
    """'45 seconds', '12 minutes', '1 hour 5 minutes'."""
    if not seconds:
        return ""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def iso_duration(seconds: int) -> str:
    """ISO 8601, for schema.org's VideoObject: PT1H5M30S."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return (
        "PT"
        + (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{seconds}S" if seconds or not (hours or minutes) else "")
    )
