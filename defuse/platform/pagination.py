from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

from .params import small_number

PAGE_PARAMETER = "p"


def page_or_404(request, object_list, per_page: int, count: int | None = None):
    """The page of object_list named by ?p=N; any missing, malformed or out-of-range N is a 404.

    Page 1 is the only page an empty list has, so an empty listing still renders. A caller that
    knows the list's length (from a cache) passes it as count to spare the COUNT query.
    """
    number = small_number(request.GET.get(PAGE_PARAMETER, "1"))
    if number is None:
        raise Http404("No such page")
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property; this fills it
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page") from error
    page.page_links = list(  # type: ignore[attr-defined]  # read by includes/pagination.html
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
