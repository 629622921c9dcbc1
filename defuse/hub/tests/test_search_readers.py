"""Search finds what readers mean: plurals, hyphens, typos, synonyms, plain questions, names."""

import pytest
from wagtail.models import Page

from defuse.core.models import Technique
from defuse.hub.models import DailyView, SearchDocument, SearchTerm, Synonym
from defuse.hub.search_items import rebuild
from defuse.hub.search_text import analyze
from defuse.hub.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SubtopicFactory,
    VideoPageFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    page = response.context["hits_page"]
    return [hit.item.title for hit in page.object_list] if page else []


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def article(topic_page, title, teaser="A piece for patrol.", body="", **kwargs):
    return ArticlePageFactory(
        parent=topic_page,
        title=title,
        teaser=teaser,
        body=[{"type": "paragraph", "value": f"<p>{body}</p>"}] if body else [],
        **kwargs,
    )


def test_the_analysis_folds_stems_and_joins_compounds():
    assert analyze("Knives") == analyze("knife") == "knife"
    assert analyze("Officers' de-escalation") == "offic deescal de escal"
    assert analyze("Café of the Less‐Lethal") == "cafe lessleth less lethal"


def test_plurals_and_word_forms_find_each_other(client, topic_page):
    knife = article(topic_page, "Facing a person with a knife")
    calls = article(topic_page, "Crisis calls at night", teaser="What the dispatcher knows.")
    assert titles(search(client, "knives")) == [knife.title]
    assert titles(search(client, "KNIFE")) == [knife.title]
    assert titles(search(client, "crisis call")) == [calls.title]
    assert titles(search(client, "dispatchers")) == [calls.title]


@pytest.mark.parametrize(
    "query", ["less-lethal", "less lethal", "lesslethal", "Less‐Lethal options"]
)
def test_hyphenated_words_match_in_every_spelling(client, topic_page, query):
    item = article(topic_page, "Less-lethal options on patrol")
    assert titles(search(client, query)) == [item.title]


@pytest.mark.parametrize("query", ["deescalation", "de-escalation", "de escalation"])
def test_de_escalation_matches_however_it_is_written(client, topic_page, query):
    hyphen = article(topic_page, "De-escalation for new officers")
    joined = article(topic_page, "Deescalation in the first minute")
    assert set(titles(search(client, query))) == {hyphen.title, joined.title}


def test_a_typo_finds_the_word_and_offers_did_you_mean(client, topic_page):
    taser = article(topic_page, "Taser deployment and its limits")
    article(topic_page, "Other reading", body="Nothing about the tool.")
    response = search(client, "tazer deployment")
    assert titles(response) == [taser.title]
    assert response.context["search"].did_you_mean == "taser deployment"
    assert 'Did you mean <a href="?q=taser%20deployment">taser deployment</a>' in (
        response.content.decode()
    )


def test_no_did_you_mean_for_words_the_index_holds(client, topic_page):
    article(topic_page, "Taser deployment and its limits")
    assert search(client, "taser").context["search"].did_you_mean == ""


def test_the_suggestion_comes_from_the_index_vocabulary(client, topic_page):
    """A misspelling with no near word in the content stays as typed: nothing is made up."""
    article(topic_page, "Taser deployment and its limits")
    response = search(client, "xylophone")
    assert response.context["search"].did_you_mean == ""
    assert titles(response) == []


def test_synonyms_widen_a_search_both_ways(client, topic_page):
    cew = article(topic_page, "Where conducted energy weapons fit", teaser="A CEW is a tool.")
    taser = article(topic_page, "Taser policy in small agencies")
    assert set(titles(search(client, "taser"))) == {cew.title, taser.title}
    assert set(titles(search(client, "conducted energy weapon"))) == {cew.title, taser.title}
    assert set(titles(search(client, "CEW"))) == {cew.title, taser.title}


def test_editors_synonyms_apply_at_once(client, topic_page):
    item = article(topic_page, "Talking with juveniles in custody")
    assert titles(search(client, "teenagers")) == [item.title]  # the starter list
    assert titles(search(client, "kids")) == []
    Synonym.objects.create(terms="kid, juvenile")
    assert titles(search(client, "kids")) == [item.title]


def test_a_synonym_needs_two_terms():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Synonym(terms="taser").full_clean()


def test_all_words_first_then_items_ranked_by_how_many_words_they_carry(client, topic_page):
    two = article(topic_page, "Talking a man down from an overpass")
    one = article(topic_page, "Overpass safety for road crews")
    none = article(topic_page, "Paperwork after a shift")
    all_words = article(
        topic_page, "A suicidal man on an overpass", teaser="Forty minutes of talk."
    )
    found = titles(search(client, "suicidal man on an overpass"))
    assert found[0] == all_words.title
    assert found.index(two.title) < found.index(one.title)
    assert none.title not in found


def test_a_natural_question_still_finds_the_item(client, topic_page):
    item = article(
        topic_page,
        "Case study: the man on the overpass",
        teaser="Two officers and a clinician talked a distressed man back from the railing.",
    )
    assert titles(search(client, "what do I do with a suicidal man on a bridge"))[:1] == [
        item.title
    ]


def test_subtopic_technique_author_and_type_names_are_indexed(client, topic_page):
    subtopic = SubtopicFactory(name="Less-lethal options", slug="less-lethal-options")
    author = AuthorFactory(name="Grace Whitfield", slug="grace-whitfield")
    technique = Technique.objects.create(code="zz-tactical-pause", label="Tactical pause")
    item = article(topic_page, "Notes from a long night")
    item.subtopics.set([subtopic])
    item.authors.set([author])
    item.techniques.set([technique])
    item.save()
    video = VideoPageFactory(parent=topic_page, title="Roll call, week three")
    assert titles(search(client, "less lethal options")) == [item.title]
    assert titles(search(client, "whitfield")) == [item.title]
    assert titles(search(client, "tactical pause")) == [item.title]
    assert titles(search(client, "video roll call")) == [video.title]


def test_renaming_a_subtopic_reindexes_its_items(
    client, topic_page, django_capture_on_commit_callbacks
):
    subtopic = SubtopicFactory(name="Policy", slug="policy")
    item = article(topic_page, "Notes from a long night")
    item.subtopics.set([subtopic])
    item.save()
    subtopic.name = "Policy and oversight"
    with django_capture_on_commit_callbacks(execute=True):
        subtopic.save()
    assert titles(search(client, "oversight")) == [item.title]


def test_unpublishing_and_deleting_take_an_item_out(client, topic_page):
    item = article(topic_page, "Crossbar tactic explained")
    assert SearchTerm.objects.get(term="crossbar").documents == 1
    item.unpublish()
    assert titles(search(client, "crossbar")) == []
    assert not SearchDocument.objects.filter(page=item).exists()
    assert SearchTerm.objects.get(term="crossbar").documents == 0
    item.save_revision().publish()
    assert titles(search(client, "crossbar")) == [item.title]
    Page.objects.get(pk=item.pk).delete()
    assert not SearchDocument.objects.exists()
    assert SearchTerm.objects.get(term="crossbar").documents == 0


def test_a_draft_is_not_searchable_until_published(client, topic_page):
    item = article(topic_page, "Crossbar tactic explained")
    item.title = "Draft title about bananas"
    item.save_revision()
    assert titles(search(client, "bananas")) == []
    assert titles(search(client, "crossbar")) == ["Crossbar tactic explained"]


def test_rebuild_gives_the_same_index_and_vocabulary(topic_page):
    article(topic_page, "Knife encounters", body="Distance and cover.")
    article(topic_page, "Less-lethal options")
    before = set(SearchTerm.objects.filter(documents__gt=0).values_list("term", "documents"))
    assert rebuild()[0] == 2
    after = set(SearchTerm.objects.filter(documents__gt=0).values_list("term", "documents"))
    assert before == after


def test_highlighting_marks_every_form_of_the_word(client, topic_page):
    article(topic_page, "Knives and de-escalation", teaser="A knife changes the distance.")
    hit = search(client, "knife deescalation").context["hits_page"].object_list[0]
    assert str(hit.title) == "<mark>Knives</mark> and <mark>de-escalation</mark>"
    assert str(hit.snippet) == "A <mark>knife</mark> changes the distance."


def test_the_empty_result_page_offers_a_way_on(client, topic_page):
    subtopic = SubtopicFactory(name="Crisis intervention", slug="crisis-intervention")
    popular = article(topic_page, "Taser deployment")
    DailyView.record(popular.pk)
    response = search(client, "zebra crossings")
    html = response.content.decode()
    assert "Nothing matched" in html
    assert "(0" not in html  # no zero-count filters
    assert "Narrow the results" not in html
    assert subtopic.name in html
    assert "Popular right now" in html and popular.title in html


def test_filters_that_would_give_nothing_are_hidden(client, topic_page):
    article(topic_page, "Taser deployment", audiences=["patrol"])
    html = search(client, "taser").content.decode()
    assert 'value="patrol"' in html
    assert 'value="chiefs"' not in html
    assert "(0" not in html


def test_british_and_american_spellings_meet(client, topic_page):
    item = article(topic_page, "Recognising a behavioural crisis", teaser="Defence of the centre.")
    assert titles(search(client, "recognizing behavioral crisis")) == [item.title]
    assert titles(search(client, "defense center")) == [item.title]


def test_the_rebuild_command_indexes_everything_again(topic_page):
    import io

    from django.core.management import call_command

    article(topic_page, "Knife encounters")
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 1 documents" in out.getvalue()
    assert SearchDocument.objects.filter(title="Knife encounters").exists()


def test_a_misspelt_word_of_a_synonym_phrase_is_not_corrected_away(client, topic_page):
    """ "stun gun" is a starter synonym of taser; no item says "stun", and it must not become
    "stub"."""
    taser = article(topic_page, "Taser policy in small agencies")
    article(topic_page, "Stub notes", teaser="A stub.")
    response = search(client, "stun gun")
    assert response.context["search"].did_you_mean == ""
    assert titles(response) == [taser.title]


def test_synonym_rows_sharing_a_phrase_are_one_set(client, topic_page):
    Synonym.objects.create(terms="stun gun, electroshock weapon")
    item = article(topic_page, "Electroshock weapon misuse")
    assert titles(search(client, "taser")) == [item.title]


def test_a_quoted_phrase_matches_hyphenated_text(client, topic_page):
    item = article(topic_page, "Officers use less-lethal options")
    assert titles(search(client, '"use less-lethal options"')) == [item.title]
    assert titles(search(client, '"less lethal options"')) == [item.title]


def test_did_you_mean_keeps_the_readers_words_and_accents_folded(client, topic_page):
    article(topic_page, "Taser deployment and its limits")
    assert search(client, "Tázer deployment").context["search"].did_you_mean == ("taser deployment")


def test_editors_manage_synonyms_in_the_admin(client, topic_page, user_with_role):
    from defuse.accounts.roles import Role

    client.force_login(user_with_role(Role.EDITOR))
    listing = client.get("/admin/snippets/hub/synonym/")
    assert listing.status_code == 200 and "taser, CEW" in listing.content.decode()
    response = client.post("/admin/snippets/hub/synonym/add/", {"terms": "kid, juvenile"})
    assert response.status_code == 302
    item = article(topic_page, "Talking with juveniles in custody")
    assert titles(search(client, "kids")) == [item.title]
    refused = client.post("/admin/snippets/hub/synonym/add/", {"terms": "alone"})
    assert refused.status_code == 200 and "at least two" in refused.content.decode()
