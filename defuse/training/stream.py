"""Between a scenario's admin StreamField and its ScenarioSpec, both ways, losslessly."""

from __future__ import annotations

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .spec import CRITERIA, ChoiceSpec, PassageSpec, ScenarioSpec


def spec_from_scenario(scenario) -> ScenarioSpec:
    spec = ScenarioSpec(
        title=scenario.title,
        slug=scenario.slug,
        start=scenario.start,
        summary=scenario.summary,
        estimated_minutes=scenario.estimated_minutes,
        difficulty=scenario.difficulty,
        pass_mark=scenario.pass_mark,
        twine=scenario.twine or {},
        source=f"scenario {scenario.slug!r}",
    )
    if scenario.pk:
        spec.audiences = sorted(audience.slug for audience in scenario.audiences.all())
        spec.subtopics = sorted(subtopic.slug for subtopic in scenario.subtopics.all())
    spec.passages = [_passage(block.value) for block in scenario.passages]
    return spec


def _passage(value) -> PassageSpec:
    return PassageSpec(
        name=value["name"].strip(),
        text=(value["text"] or "").strip(),
        ending=value["ending"] or "",
        timer=value["timer"],
        visits=value.get("visits"),
        timeout=(value["timeout"] or "").strip(),
        timeout_screen_out=(value.get("timeout_screen_out") or "").strip(),
        justified=(value.get("justified") or "").strip(),
        image=value["image"].title if value["image"] else "",
        media=value["media"].title if value["media"] else "",
        captions=value["captions"].title if value["captions"] else "",
        choices=[_choice(choice) for choice in value["choices"]],
    )


def _choice(value) -> ChoiceSpec:
    return ChoiceSpec(
        label=value["label"].strip(),
        target=value["target"].strip(),
        score={c: value[c] for c in CRITERIA if value[c]},
        techniques=list(value["techniques"] or []),
        feedback=(value["feedback"] or "").strip(),
        verdict=value.get("verdict") or "",
        screen_out=(value["screen_out"] or "").strip(),
        learn=value["learn"].slug if value["learn"] else "",
    )


def stream_data(spec: ScenarioSpec) -> list[dict]:
    """Raw StreamField data for a spec, looking referenced objects up in three queries."""
    images = _ids_by_title(get_image_model(), [p.image for p in spec.passages])
    documents = _ids_by_title(
        get_document_model(), [t for p in spec.passages for t in (p.media, p.captions)]
    )
    learn = {c.learn for p in spec.passages for c in p.choices if c.learn}
    pages = dict(Page.objects.filter(slug__in=learn).values_list("slug", "pk")) if learn else {}
    return [
        {
            "type": "passage",
            "value": {
                "name": passage.name,
                "text": passage.text,
                "ending": passage.ending,
                "timer": passage.timer,
                "visits": passage.visits,
                "timeout": passage.timeout,
                "timeout_screen_out": passage.timeout_screen_out,
                "justified": passage.justified,
                "image": images.get(passage.image),
                "media": documents.get(passage.media),
                "captions": documents.get(passage.captions),
                "choices": [_choice_data(choice, pages) for choice in passage.choices],
            },
        }
        for passage in spec.passages
    ]


def _choice_data(choice: ChoiceSpec, pages: dict) -> dict:
    return {
        "label": choice.label,
        "target": choice.target,
        **{criterion: choice.points(criterion) for criterion in CRITERIA},
        "techniques": choice.techniques,
        "feedback": choice.feedback,
        "verdict": choice.verdict,
        "screen_out": choice.screen_out,
        "learn": pages.get(choice.learn),
    }


def _ids_by_title(model, titles) -> dict[str, int]:
    wanted = {title for title in titles if title}
    if not wanted:
        return {}
    return dict(model.objects.filter(title__in=wanted).values_list("title", "pk"))
