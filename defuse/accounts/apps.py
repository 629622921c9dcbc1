from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "defuse.accounts"
    label = "accounts"
    verbose_name = "People and units"
    private_url_prefixes = ("/accounts/",)

    def ready(self):
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .backends import forget_permissions
        from .models import User
        from .roles import ensure_role_groups

        for relation in (User.groups.through, User.user_permissions.through,
                         Group.permissions.through):  # fmt: skip
            m2m_changed.connect(
                forget_permissions, sender=relation, dispatch_uid=f"perm-{relation}"
            )
        for model in (Group, Permission, User):  # a group renamed or deleted, a user deactivated
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_permissions, sender=model, dispatch_uid=f"perm-{model}-{signal!r}"
                )

        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import audit, session_rules

        user_logged_in.connect(audit.on_sign_in, dispatch_uid="audit-sign-in")
        user_logged_in.connect(session_rules.mark_signed_in, dispatch_uid="session-signed-in")
        user_logged_out.connect(audit.on_sign_out, dispatch_uid="audit-sign-out")
        user_login_failed.connect(audit.on_failed_sign_in, dispatch_uid="audit-failed")
        post_save.connect(audit.on_user_saved, sender=User, dispatch_uid="audit-user-saved")
        from allauth.mfa import signals as mfa_signals

        for action, signal in (
            ("added", mfa_signals.authenticator_added),
            ("removed", mfa_signals.authenticator_removed),
            ("reset", mfa_signals.authenticator_reset),
            ("used", mfa_signals.authenticator_used),
            ("failed", mfa_signals.authentication_failed),
        ):
            signal.connect(
                audit.on_second_factor(action), weak=False, dispatch_uid=f"audit-mfa-{action}"
            )
        m2m_changed.connect(
            audit.on_roles_changed, sender=User.groups.through, dispatch_uid="audit-roles"
        )

        # Runs after every migrate (test databases included), once Wagtail's root page exists.
        post_migrate.connect(ensure_role_groups, dispatch_uid="defuse.accounts.roles")
