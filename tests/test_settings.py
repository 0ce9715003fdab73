"""Settings come from the environment, with safe defaults."""

from .fresh_process import run_python

PRINT_SETTINGS = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'kayano_site.settings');"
    "from django.conf import settings;"
    "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])"
)


def run_with_env(**env):
    """Import the settings in a fresh interpreter with exactly `env` as Django's variables."""
    django_variables = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    return run_python("-c", PRINT_SETTINGS, drop=django_variables, **env)


def test_debug_is_off_when_the_environment_does_not_set_it():
    result = run_with_env(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    debug, hosts, engine = result.stdout.split(" ", 2)
    assert debug == "False"
    assert hosts == "[]"
    assert "sqlite3" in engine


def test_missing_secret_key_without_debug_refuses_to_start_with_an_explanation():
    result = run_with_env()
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Refusing to start: SECRET_KEY is not set. Export it (or put it in .env), "
        "or set DEBUG=true for local development."
    ]


def test_debug_mode_runs_without_a_secret_key_for_local_development():
    result = run_with_env(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


def test_database_url_selects_the_database():
    result = run_with_env(SECRET_KEY="x" * 50, DATABASE_URL="postgres://u:p@db.internal:5432/k")
    assert "postgresql" in result.stdout


def test_missing_site_url_without_debug_refuses_to_start_with_an_explanation():
    result = run_python("-c", PRINT_SETTINGS, drop=("DEBUG", "SITE_URL"), SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Refusing to start: SITE_URL is not set.")


def test_trusted_form_origins_default_to_the_site_address():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kayano_site.settings';"
        "from django.conf import settings; print(settings.CSRF_TRUSTED_ORIGINS)"
    )
    result = run_python(
        "-c",
        code,
        drop=("DEBUG", "SITE_URL", "CSRF_TRUSTED_ORIGINS"),
        SECRET_KEY="x" * 50,
        SITE_URL="https://kayano14.example.org/",
    )
    assert result.stdout.strip() == "['https://kayano14.example.org']", result.stderr
