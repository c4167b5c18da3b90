from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Case, Func, Value, When
from django.db.models.functions import Length, Lower, Replace, Substr, Upper
from django.db.models.lookups import GreaterThan
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # The whole address is compared case-insensitively, so store it lowercased.
        return (email or "").strip().lower()

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> "User":
        return self.get(email=self.normalize_email(username))


def _text_after_last(text: str, mark: str) -> Case:
    """The part of the `text` column after its last `mark`, '' without one. From functions
    both databases have, so that the column stands in the database without Django (SQLite has
    no REVERSE(): Django adds its own to each connection)."""
    # RTRIM() by every character but the mark leaves the text up to its last mark.
    up_to_last = Func(text, Replace(text, Value(mark), Value("")), function="RTRIM")
    return Case(
        When(GreaterThan(Length(up_to_last), 0), then=Substr(text, Length(up_to_last) + 1)),
        default=Value(""),
    )


class User(AbstractBaseUser, PermissionsMixin):
    """An account; the login is the email address."""

    email = models.EmailField("email address", max_length=254, unique=True)
    name = models.CharField("full name", max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "staff status", default=False, help_text="Can log into the admin site."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # What the email ends with after its last "@", upper case: the conflict-of-interest rule's
    # "same domain" is two accounts' stored values equal, looked up by an index.
    email_domain = models.GeneratedField(
        expression=Upper(_text_after_last("email", "@")),
        output_field=models.CharField(max_length=254),
        db_persist=True,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]
        # An Index rather than db_index: PostgreSQL's second one for LIKE would go unused.
        indexes = [models.Index(fields=["email_domain"], name="user_email_domain")]

    def __str__(self) -> str:
        return self.email

    def save(self, **kwargs) -> None:
        updating = not self._state.adding
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = fields = frozenset(fields)  # read twice: not a generator
        super().save(**kwargs)
        if updating and (fields is None or "email" in fields):
            # The database computes email_domain and save() does not read it back: without
            # this, the conflict checks would compare the domain of the email before.
            self.refresh_from_db(fields=["email_domain"])

    def clean(self) -> None:
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private: only you, and reviewers of what you submit"
    PUBLIC = "public", "Public: anyone with the link"


class WorkSampleType(models.TextChoices):
    BENCHMARK = "benchmark", "Benchmark"
    RUBRIC = "rubric", "Rubric"
    TEST_PLAN = "test_plan", "Adversarial test plan"
    REPORT = "report", "Report"
    MEMO = "memo", "Technical memo"
    CODE = "code", "Code"
    DATASET = "dataset", "Dataset"
    OTHER = "other", "Other"


class Profile(models.Model):
    """An expert's skill profile. Its JSON document form is profiles.documents'."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    slug = models.SlugField(max_length=80, unique=True, help_text="The address /p/<slug>/.")
    headline = models.CharField(max_length=160)
    bio = models.TextField(max_length=2000, blank=True)
    # Blank means never chosen, which counts as private and is left out of the export.
    visibility = models.CharField(max_length=10, choices=Visibility.choices, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    timezone = models.CharField("time zone", max_length=64, blank=True)
    rate_amount = models.DecimalField(
        "hourly rate", max_digits=7, decimal_places=2, null=True, blank=True
    )
    rate_currency = models.CharField("rate currency", max_length=3, blank=True)
    # Raised on every save; an editor that loaded an older version gets a conflict.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The whole document and its schema problems, worked out on every write of the profile
    # or its work samples (portfolio.services.profile_document_store) so that pages need not; JSON
    # text rather than jsonb, which would reorder the document's keys.
    kept_document = models.TextField(blank=True, default="", db_default="", editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True)
                | models.Q(hours_per_week__gte=1, hours_per_week__lte=80),
                name="profile_hours_per_week_1_80",
            ),
            models.CheckConstraint(
                condition=models.Q(rate_amount__isnull=True, rate_currency="")
                | (
                    models.Q(rate_amount__isnull=False, rate_amount__gt=0, rate_amount__lte=10000)
                    & ~models.Q(rate_currency="")
                ),
                name="profile_rate_amount_with_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=["", *Visibility.values]),
                name="profile_visibility_known",
            ),
            models.CheckConstraint(condition=~models.Q(headline=""), name="profile_headline"),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()}: {self.headline}"

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class ProfileDomain(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(max_length=60)
    # Empty when the expert gave no depth; the shape rule counts it as 2 (working).
    depth = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                "profile", Lower("name"), name="profiledomain_name_unique_per_profile"
            ),
            models.UniqueConstraint(
                fields=["profile", "position"], name="profiledomain_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(depth__isnull=True) | models.Q(depth__gte=1, depth__lte=5),
                name="profiledomain_depth_1_5",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="profiledomain_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ProfileListItem(models.Model):
    """One entry of an ordered list of short texts on a profile."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="%(class)ss")
    text = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                "profile", Lower("text"), name="%(app_label)s_%(class)s_text_unique"
            ),
            models.UniqueConstraint(
                fields=["profile", "position"], name="%(app_label)s_%(class)s_position_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="%(app_label)s_%(class)s_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Strength(ProfileListItem):
    text = models.CharField(max_length=100)

    class Meta(ProfileListItem.Meta):
        pass


class Credential(ProfileListItem):
    text = models.CharField(max_length=120)

    class Meta(ProfileListItem.Meta):
        pass


class Tool(ProfileListItem):
    text = models.CharField(max_length=60)

    class Meta(ProfileListItem.Meta):
        pass


class DeclinedTopic(ProfileListItem):
    """A topic the expert will not work on."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="declined_topics")
    text = models.CharField(max_length=100)

    class Meta(ProfileListItem.Meta):
        pass


class FormSent(models.Model):
    """A form that makes something, as one person sent it: its one-time token, and where what
    it made is. The same form sent again (a double click without JavaScript, a reload that
    resends) finds its token taken at that address and goes where the first went instead of
    making a second copy."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    # The address it was sent to: a page may hold several such forms, each with the token.
    path = models.CharField(max_length=500)
    made_url = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "token", "path"], name="formsent_user_token_path_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.token} by {self.user_id}"
