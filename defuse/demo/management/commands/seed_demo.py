from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from defuse.accounts.models import Unit
from defuse.demo.field import DEMO_UNITS, ensure_demo_checklist, ensure_demo_reports
from defuse.demo.hub import tree
from defuse.demo.hub.pictures import ensure_front, ensure_listing_pictures
from defuse.demo.hub.synthetic import create_synthetic_items
from defuse.demo.hub.typed_items import BUILDERS, ensure_typed_items
from defuse.demo.people import ensure_demo_people
from defuse.demo.synthetic_reports import generate_reports
from defuse.demo.training import SCENARIO_FILES, ensure_demo_assignment, ensure_demo_scenarios
from defuse.hub.search_index import build_common_term_rankings
from defuse.insights.facts import rebuild
from defuse.platform.content_cache import bump_content_version
from defuse.platform.statistics import refresh_planner_statistics


class Command(BaseCommand):
    help = (
        "Creates Defuse's demo content: the home and De-escalation pages, subtopics, authors, "
        "30+ original articles, five training scenarios, units and one login per role. "
        "Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic items under De-escalation, for load tests.",
        )
        parser.add_argument(
            "--reports",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic de-escalation reports over the demo units (load tests; "
            "1,000,000 works).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Random seed for synthetic items, so that runs can be repeated (default 1).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def handle(self, *args, synthetic, reports, seed, no_progress, **options):
        if synthetic < 0 or reports < 0:
            raise CommandError("--synthetic and --reports take a count of 0 or more.")
        with transaction.atomic():
            home = tree.ensure_home_page()
            topic = tree.ensure_topic_page(home)
            subtopics, authors = tree.ensure_subtopics(), tree.ensure_authors()
            tree.ensure_subtopic_pages(topic, subtopics)
            created = tree.ensure_articles(topic, subtopics, authors)
            created_typed = ensure_typed_items(topic, subtopics, authors)
            ensure_listing_pictures(topic)
            ensure_front(topic)
            logins = ensure_demo_people()
            created_scenarios = ensure_demo_scenarios()
            ensure_demo_assignment()
            ensure_demo_checklist()
            created_reports = ensure_demo_reports()
        self.stdout.write(f"Demo articles: {created} created, {len(tree.content.ARTICLES)} in all.")
        self.stdout.write(
            f"Demo videos, webinars, case studies, policy briefs and tool profiles: "
            f"{created_typed} created, {len(BUILDERS)} in all."
        )
        self.stdout.write(
            f"Training scenarios: {created_scenarios} imported, {len(SCENARIO_FILES)} in all."
        )
        self.stdout.write(f"De-escalation reports: {created_reports} synthetic reports created.")
        if reports:
            self.generate_reports(reports, seed, no_progress)
        if synthetic:
            self.generate(topic, synthetic, seed, no_progress)
        self.print_logins(logins)

    def generate(self, topic, count, seed, no_progress):
        with tqdm(total=count, unit="item", disable=no_progress, desc="Synthetic items") as bar:
            for written in create_synthetic_items(topic, count, seed=seed):
                bar.update(written)
        bump_content_version()  # bulk rows send no publish signals; cached counts are stale
        refresh_planner_statistics()
        build_common_term_rankings()  # as the worker would within ten minutes
        self.stdout.write(f"Synthetic items: {count} created.")

    def generate_reports(self, count, seed, no_progress):
        units = list(Unit.objects.filter(name__in=DEMO_UNITS))
        with tqdm(total=count, unit="report", disable=no_progress, desc="Synthetic reports") as bar:
            for written in generate_reports(count, units, seed=seed + 1000):
                bar.update(written)
        refresh_planner_statistics()
        rebuild(everything=True)
        self.stdout.write(f"Synthetic reports: {count} created; Insights recounted.")

    def print_logins(self, logins):
        self.stdout.write("\nDemo logins (sign in at /accounts/login/):")
        for username, password, role in logins:
            self.stdout.write(f"  {role.label:<14} username {username:<11} password {password}")
