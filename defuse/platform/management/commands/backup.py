from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from defuse.platform.backup import BackupError, backup, describe


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and the uploaded media into a "
        "new folder, while Defuse keeps serving."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            type=Path,
            help="A new folder (default: var/backups/<date and time>)",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave the media files out")

    def handle(self, destination, no_media, **options):
        from django.conf import settings

        if destination is None:
            stamp = timezone.now().strftime("%Y-%m-%dT%H%M%SZ")
            destination = Path(settings.VAR_DIR) / "backups" / stamp
        try:
            manifest = backup(destination, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {manifest['engine']} to {destination}: {describe(manifest['contents'])}"
            + (", media" if manifest["media"] else "")
            + "."
        )
