from .casework import CaseStudyPage, PolicyBriefPage, ToolProfilePage
from .items import ArticlePage, HubItemPage
from .media import VideoPage, WebinarPage, WebinarRegistration
from .newsletter import Subscriber
from .pages import HomePage, TopicPage, TopicPick
from .popularity import DailyView
from .search import CommonTermRanking, SearchDocument, SearchTerm, Synonym
from .taxonomy import Audience, Author, Subtopic

ITEM_TYPES = [ArticlePage, VideoPage, WebinarPage, CaseStudyPage, PolicyBriefPage, ToolProfilePage]

__all__ = [
    "ITEM_TYPES",
    "ArticlePage",
    "Audience",
    "Author",
    "CaseStudyPage",
    "DailyView",
    "HomePage",
    "HubItemPage",
    "PolicyBriefPage",
    "CommonTermRanking",
    "SearchDocument",
    "SearchTerm",
    "Subscriber",
    "Subtopic",
    "Synonym",
    "ToolProfilePage",
    "TopicPage",
    "TopicPick",
    "VideoPage",
    "WebinarPage",
    "WebinarRegistration",
]
