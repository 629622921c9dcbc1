from .items import ArticlePage, HubItemPage
from .pages import HomePage, TopicPage
from .taxonomy import Audience, Author, Subtopic

__all__ = [
    "ArticlePage",
    "Audience",
    "Author",
    "HomePage",
    "HubItemPage",
    "Subtopic",
    "TopicPage",
]
