"""
The /data/ downloads on a production-like site: gunicorn on PostgreSQL and Redis, files
written by a real background thread. After a change the previous file is served at once
and the new one follows; with the database down, the files on disk still answer.
"""

import pytest

from .servers import manage, wait_until

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("redis_binaries", "postgres_bindir")]

ADDED = "Synthetic test shoe"


@pytest.fixture(scope="module")
def env(site_env, postgres, start_redis, tmp_path_factory):
    redis = start_redis("--maxmemory", "20mb")
    downloads = tmp_path_factory.mktemp("downloads")
    return site_env(DATABASE_URL=postgres.url, CACHE_URL=redis.url(), DOWNLOADS_ROOT=str(downloads))


@pytest.fixture(scope="module")
def site(env, start_gunicorn):
    overrides = {name: env[name] for name in ("DATABASE_URL", "CACHE_URL", "DOWNLOADS_ROOT")}
    return start_gunicorn(**overrides)


@pytest.fixture
def one_more_shoe(env):
    """A shoe added by a command, as an editor's change would be; removed afterwards."""
    yield lambda: manage(env, "add_synthetic_shoes", "1", "--verbosity", "0")
    manage(env, "add_synthetic_shoes", "--remove", "--verbosity", "0")


def test_after_a_change_the_old_file_answers_and_the_new_one_follows(site, one_more_shoe):
    first = site.get("/data/shoes.csv")
    assert first.status == 200
    assert "JJJJound" in first.text
    one_more_shoe()
    right_after = site.get("/data/shoes.csv")
    assert right_after.status == 200
    assert ADDED not in right_after.text  # the previous file, while the new one is made
    wait_until(
        lambda: ADDED in site.get("/data/shoes.csv").text,
        "the download showing the added shoe",
        timeout=30,
    )


def test_with_the_database_down_the_files_on_disk_still_answer(site, postgres):
    assert site.get("/data/price-points.csv").status == 200
    postgres.stop()
    try:
        answer = site.get("/data/price-points.csv")
        assert answer.status == 200, site.log_tail()
        assert "¶28" in answer.text
    finally:
        postgres.start()
