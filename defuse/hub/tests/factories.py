import datetime

import factory
import wagtail_factories
from django.utils import timezone

from defuse.hub.models import ArticlePage, Audience, Author, HomePage, Subtopic, TopicPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Defuse"
    introduction = "<p>Welcome.</p>"


class TopicPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicPage

    title = factory.Sequence(lambda n: f"Topic {n}")
    introduction = "<p>What this topic covers.</p>"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class SubtopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subtopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Subtopic {n}")
    slug = factory.Sequence(lambda n: f"subtopic-{n}")


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    teaser = factory.LazyAttribute(lambda page: f"Why {page.title.lower()} matters on patrol.")
    # Distinct past dates, so that an item published today sorts first.
    publication_date = factory.Sequence(
        lambda n: timezone.localdate() - datetime.timedelta(days=1 + n % 5000)
    )
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>A paragraph of the body.</p>"}]
    )

    @factory.post_generation
    def audiences(page, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else [Audience.PATROL]
        page.audiences.set(Audience.objects.filter(slug__in=slugs))
        if create:
            page.save()
