"""How a signed-in request finds its person."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import CharField, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from profiles.models import PageVersion, User
from profiles.pagecache import REVIEWS
from profiles.permissions import REVIEWER_GROUP


def _counter(scope) -> Subquery:
    return Subquery(PageVersion.objects.filter(scope=scope).values("value")[:1])


class AccountBackend(ModelBackend):
    """Email-and-password accounts. Every signed-in request reads the person with what it
    asks next, in the same query: whether they review, and the counters its cached pages
    are keyed by (profiles/pagecache.py)."""

    def get_user(self, user_id):
        user = (
            User._default_manager.annotate(
                reviewer_role=Exists(
                    User.groups.through.objects.filter(
                        user_id=OuterRef("pk"), group__name=REVIEWER_GROUP
                    )
                ),
                own_counter=_counter(Concat(Value("user:"), Cast(OuterRef("pk"), CharField()))),
                reviews_counter=_counter(Value(REVIEWS)),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user._is_reviewer = user.reviewer_role
        user.page_versions = {
            f"user:{user.pk}": user.own_counter or 0,
            REVIEWS: user.reviews_counter or 0,
        }
        return user
