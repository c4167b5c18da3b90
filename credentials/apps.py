from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = "Credentials of approvals"

    def ready(self) -> None:
        # onboarding decides and may not import this app (tests/test_layering.py): it sends
        # round_decided inside the decision's transaction, and the credential is issued there.
        from credentials.services import credential_issue_on_approval
        from onboarding.signals import round_decided

        round_decided.connect(credential_issue_on_approval, dispatch_uid="credential-issue")

        # A retired key that cannot be read would fail every check of what it signed: refuse
        # to start instead.
        from credentials.keys import retired_keys

        retired_keys()
