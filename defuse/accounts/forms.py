"""The sign-in form: django-allauth's, so that a second factor follows the password."""

from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""  # the page links to password reset itself
        self.fields.pop("remember", None)  # sessions end by the session rules
