"""Uploads are checked by content and size: documents and images in the admin (single and
multiple upload). The sample files are the demo's media, read from disk. (The reports CSV
import checks its own uploads: field's tests.)"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

DEMO_MEDIA = Path(__file__).resolve().parents[2] / "demo" / "hub" / "media"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
WEB_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(editor)
    return client


def upload(client, view, name, content):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse(view), {"title": "Upload", "file": file, "collection": 1})


def add_document(client, name, content):
    return upload(client, "wagtaildocs:add", name, content)


def test_a_document_whose_content_is_not_what_its_name_says_is_refused(editor_client):
    response = add_document(editor_client, "use-of-force-policy.pdf", WEB_PAGE)
    assert response.status_code == 200
    assert "named .pdf but its content is a web page" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_program_renamed_as_a_video_is_refused(editor_client):
    response = add_document(editor_client, "briefing.mp4", b"\x7fELF\x02\x01\x01" + bytes(200))
    assert "named .mp4 but its content is not a recognisable document" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_real_documents_are_accepted(editor_client):
    for name, content in [
        ("policy.pdf", PDF),
        ("captions.vtt", (DEMO_MEDIA / "tactical-pause-demo.vtt").read_bytes()),
        ("clip.webm", (DEMO_MEDIA / "tactical-pause-demo.webm").read_bytes()),
        ("figures.csv", b"month,encounters\n2026-01,41\n"),
    ]:
        response = add_document(editor_client, name, content)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    assert get_document_model().objects.count() == 4


def test_an_oversized_document_is_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(editor_client, "policy.pdf", PDF + bytes(2048))
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_the_multiple_upload_checks_content_too(editor_client):
    file = SimpleUploadedFile("notes.txt", WEB_PAGE)
    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": file, "collection": 1}
    )
    result = json.loads(response.content)
    assert result["success"] is False
    assert "its content is a web page" in json.dumps(result)
    assert not get_document_model().objects.exists()


def add_image(client, name, content):
    return upload(client, "wagtailimages:add", name, content)


def test_an_image_that_is_not_an_image_is_refused(editor_client):
    response = add_image(editor_client, "scene.png", WEB_PAGE)
    assert response.status_code == 200
    assert "Not a valid .png image" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_svg_images_are_refused(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = add_image(editor_client, "scene.svg", svg)
    assert "Not a supported image format" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_images_within_the_limits_are_accepted_and_larger_ones_refused(editor_client, settings):
    poster = (DEMO_MEDIA / "tactical-pause-poster.png").read_bytes()
    assert add_image(editor_client, "poster.png", poster).status_code == 302
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = add_image(editor_client, "poster.png", poster)
    assert "This file is too big" in response.content.decode()
    assert get_image_model().objects.count() == 1
