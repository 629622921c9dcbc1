"""Files uploaded for import and never imported are deleted after a week: they hold records of
people, and nobody is coming back for them."""

from datetime import timedelta

from django.utils import timezone

from ..models import ImportUpload

KEPT_FOR = timedelta(days=7)


def discard_abandoned_uploads() -> int:
    old = ImportUpload.objects.filter(
        imported_at__isnull=True, uploaded_at__lt=timezone.now() - KEPT_FOR
    )
    count = 0
    for upload in old:
        upload.file.delete(save=False)
        upload.delete()
        count += 1
    return count
