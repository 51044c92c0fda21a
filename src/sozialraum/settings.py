"""Settings for Sozialraum: one file, every deployment difference comes from the environment.

See docs/deployment.md for the variables. A malformed value stops start-up with one sentence
naming the variable (sozialraum.env).
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.messages import constants as message_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sozialraum.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("SOZIALRAUM_HOME", str(Path.cwd()))).resolve()
VAR_DIR = BASE_DIR / "var"

TESTING = "pytest" in sys.modules or env_bool("SOZIALRAUM_TESTING", False)
DEBUG = env_bool("DEBUG", False)
# HTTPS-only cookies, HSTS and redirects. Off only for local serving on 127.0.0.1.
HTTPS = env_bool("HTTPS", not DEBUG)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 50 and not DEBUG:
            raise ImproperlyConfigured(
                "The environment variable SECRET_KEY must be at least 50 characters long."
            )
        return key
    if DEBUG or TESTING:
        # Development only: a key kept in var/ so sessions survive a restart.
        key_file = VAR_DIR / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(64)
        # Readable by its owner only, from the first byte on.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(key)
        return key
    raise ImproperlyConfigured("The environment variable SECRET_KEY must be set.")


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS must name the host names, separated by commas."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",  # serves the API docs' Swagger UI from our static files, not from a CDN (CSP)
    "django_tasks",
    "django_tasks_db",
    "sozialraum.lib",  # template tags only ({% load kern %}); no models
    "sozialraum.accounts",
    "sozialraum.regions",
    "sozialraum.audit",
    "sozialraum.network",
    "sozialraum.teams",
    "sozialraum.meetings",
    "sozialraum.minutes",
    "sozialraum.offers",
    "sozialraum.planning",
    "sozialraum.consultations",
    "sozialraum.pages",
    "sozialraum.operations",
    "sozialraum.demo",
]

MIDDLEWARE = [
    # First: an oversized body is refused before anything (login, CSRF, parsing) reads it.
    "sozialraum.middleware.request_body_limit",
    # Then: NUL bytes in the path, query, form fields or a text body get a German 400 page.
    "sozialraum.middleware.refuse_nul_bytes",
    "django.middleware.security.SecurityMiddleware",
    "sozialraum.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sozialraum.middleware.no_store_for_personal_data",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: ends idle/expired sessions, then lets a user who needs the
    # second factor reach nothing but the code step or the set-up.
    "sozialraum.accounts.middleware.SessionTimeoutMiddleware",
    "sozialraum.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sozialraum.urls"
# Form templates come from our templates/django/forms/ (KERN markup), then Django's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "sozialraum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sozialraum.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": database_from_url("DATABASE_URL", "sqlite:///var/sozialraum.sqlite3", BASE_DIR)
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not TESTING:
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend with the per-request user lookup compiled once (issue 8).
    "sozialraum.accounts.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Tests create many users; hashing strength is not what they test.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
# What these check is told in accounts.validators.PASSWORD_HELP_TEXT; keep both in step.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "sozialraum.accounts.validators.GermanCommonPasswordValidator"},
    {"NAME": "sozialraum.accounts.validators.PersonalDataPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1)
# Anonymous case consultations are deleted this many months after they were closed
# (consultations/retention.py, the privacy statement).
CONSULTATION_RETENTION_MONTHS = env_int("CONSULTATION_RETENTION_MONTHS", 6, minimum=1)

# Login throttling (django-axes with our rules in accounts/throttling.py): five failures for one
# e-mail address from one client address lock that pair for 15 minutes, each further lock twice as
# long; an address is locked after many failures across accounts (password spraying); an account
# after many failures from many addresses, which its owner lifts with a mailed link.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30, minimum=1)  # per hour
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 50, minimum=1)  # per day
AXES_COOLOFF_TIME = 0.25  # hours; axes' own records of the first lock
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Login ignores the case of the address, so the failure counter must too.
AXES_USERNAME_CALLABLE = "sozialraum.accounts.throttling.username"
AXES_HANDLER = "sozialraum.accounts.throttling.LoginThrottle"
AXES_LOCKOUT_CALLABLE = "sozialraum.accounts.throttling.locked_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the per-address and per-account limits count these
# Attempts during a lock are refused unchecked and not counted (they prove nothing).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env_bool("LOGIN_THROTTLING", True)
# The client address: REMOTE_ADDR without a proxy; behind N trusted reverse proxies that each
# append to X-Forwarded-For, the N-th address from the right (accounts/throttling.client_ip).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "sozialraum.accounts.throttling.client_ip"
# Mails that anyone can trigger: password reset links and accessibility feedback.
PASSWORD_RESET_MAILS_PER_ADDRESS = 5  # per client address and hour
PASSWORD_RESET_MAILS_PER_ACCOUNT = 3  # per e-mail address and hour
FEEDBACK_MAILS_PER_ADDRESS = 5  # per client address and hour
FEEDBACK_MAILS_PER_HOUR = 100  # in total

# Two-factor login (django-otp, TOTP) and session lifetime (docs/deployment.md).
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Sozialraum")
OTP_TOTP_THROTTLE_FACTOR = 1  # waits of 1, 2, 4, 8 ... seconds after wrong codes, per device
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the operator may delete an authenticator, never read its key
# Django's database sessions; the lookup of every request is compiled once (issue 8).
SESSION_ENGINE = "sozialraum.accounts.sessions"
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)

# Security -----------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * SESSION_MAX_HOURS
SESSION_COOKIE_NAME = "sozialraum_session" if not HTTPS else "__Host-sozialraum_session"
CSRF_COOKIE_NAME = "sozialraum_csrf" if not HTTPS else "__Host-sozialraum_csrf"
CSRF_FAILURE_VIEW = "sozialraum.pages.views.csrf_failure"
SECURE_SSL_REDIRECT = HTTPS and not TESTING
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preload is only a header directive; entering the list is a separate, manual step.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The Familienwegweiser's map (Leaflet, vendored): a tile server URL template such as
# "https://tile.openstreetmap.org/{z}/{x}/{y}.png"; empty = no map, the offer page shows the
# address and a link. Its host is allowed in img-src only when set.
MAP_TILES = env_str("SOZIALRAUM_MAP_TILES", "")
MAP_ATTRIBUTION = env_str("SOZIALRAUM_MAP_ATTRIBUTION", "© OpenStreetMap-Mitwirkende")


def _tile_source(template: str) -> str:
    """The CSP source of a tile URL template: scheme://host, {s} subdomains as "*"."""
    parts = urlsplit(template)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured("SOZIALRAUM_MAP_TILES must be an http(s) URL template.")
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


MAP_TILE_SOURCE = _tile_source(MAP_TILES) if MAP_TILES else ""
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:" + (f" {MAP_TILE_SOURCE}" if MAP_TILE_SOURCE else ""),
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
# Request bodies (sozialraum.middleware.request_body_limit refuses larger ones with 413 before any
# other middleware runs); only the import upload takes files, up to lib.imports.MAX_BYTES.
REQUEST_BODY_MAX_BYTES = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES  # form fields without files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger uploads go to a temporary file
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Messages -----------------------------------------------------------------------------------
# message.level_tag is the KERN alert variant (kern-alert--danger ...), see base.html.
MESSAGE_TAGS = {
    message_constants.DEBUG: "info",
    message_constants.INFO: "info",
    message_constants.SUCCESS: "success",
    message_constants.WARNING: "warning",
    message_constants.ERROR: "danger",
}

# Static files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# E-mail -------------------------------------------------------------------------------------
_email_backend = env_choice(
    "EMAIL_BACKEND", ("smtp", "console", "file", "memory"), "console" if DEBUG else "smtp"
)
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}[_email_backend]
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sozialraum <noreply@sozialraum.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where messages from the accessibility feedback form go (the operator's contact).
FEEDBACK_EMAIL = env_str("FEEDBACK_EMAIL", "barrierefreiheit@sozialraum.example")

# Background tasks ---------------------------------------------------------------------------
_tasks_backend = env_choice(
    "TASKS_BACKEND", ("database", "immediate"), "immediate" if DEBUG or TESTING else "database"
)
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[_tasks_backend]
    }
}

# Operator (Impressum) -----------------------------------------------------------------------
OPERATOR = {
    "name": env_str("OPERATOR_NAME", "Sozialraum-Demo (Musterbetrieb)"),
    "address": env_str("OPERATOR_ADDRESS", "Musterstraße 1, 12345 Musterstadt"),
    "email": env_str("OPERATOR_EMAIL", "kontakt@sozialraum.example"),
    "phone": env_str("OPERATOR_PHONE", ""),
    "representative": env_str("OPERATOR_REPRESENTATIVE", "Erika Mustermann"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # A 403 is logged in one line by pages.views.permission_denied, not with a traceback.
        "no_permission_denied": {"()": "sozialraum.lib.log_filters.DropPermissionDenied"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["no_permission_denied"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
