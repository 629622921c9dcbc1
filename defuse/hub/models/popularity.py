"""Anonymous daily view counts of hub items. No IP address, user or cookie is stored."""

import datetime

from django.db import models
from django.db.models import F, Sum
from django.utils import timezone

POPULAR_WINDOW_DAYS = 30


class DailyViewQuerySet(models.QuerySet):
    def recent(self, days: int = POPULAR_WINDOW_DAYS) -> "DailyViewQuerySet":
        return self.filter(date__gt=timezone.localdate() - datetime.timedelta(days=days))

    def totals_by_item(self) -> models.QuerySet:
        """{item_id, views} per item, the most viewed first."""
        return self.values("item_id").annotate(views=Sum("count")).order_by("-views", "-item_id")


class DailyView(models.Model):
    """How many distinct visitors viewed an item on one day."""

    item = models.ForeignKey("hub.HubItemPage", on_delete=models.CASCADE, related_name="views")
    date = models.DateField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    objects = DailyViewQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "date"], name="one_row_per_day")]

    def __str__(self):
        return f"{self.count} views of item {self.item_id} on {self.date}"

    @classmethod
    def record(cls, item_id: int) -> None:
        today = timezone.localdate()
        updated = cls.objects.filter(item_id=item_id, date=today).update(count=F("count") + 1)
        if not updated:
            _, created = cls.objects.get_or_create(
                item_id=item_id, date=today, defaults={"count": 1}
            )
            if not created:
                cls.objects.filter(item_id=item_id, date=today).update(count=F("count") + 1)
