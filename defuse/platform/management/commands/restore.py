from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from defuse.platform.backup import BackupError, contents, describe, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded media with a backup made by `manage.py backup`. "
        "Stop the web server and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup's folder")
        parser.add_argument("--no-media", action="store_true", help="Leave the media files alone")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: everything now there is replaced"
        )

    def handle(self, source, no_media, yes, **options):
        try:
            manifest = read_manifest(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        expected = manifest["contents"]
        if not yes:
            answer = input(
                f"Replace this installation's database{'' if no_media else ' and media'} with "
                f"the backup of {manifest['created_at']} ({describe(expected)})? Type 'yes': "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            restore(source, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from None
        found = contents()
        # Only what both this version and the backup's count: a newer Defuse may count more.
        differ = {name for name in expected.keys() & found.keys() if expected[name] != found[name]}
        if differ:
            raise CommandError(f"Restored, but found {found} instead of {expected}.")
        self.stdout.write(
            f"Restored {source}: {describe(found)}. Now run `manage.py migrate` if this version "
            "of Defuse is newer than the backup's."
        )
