import pytest

from radar.config import load_settings, settings_table
from radar.errors import ConfigError

pytestmark = pytest.mark.unit


def test_defaults_need_no_file_and_no_redis(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s.redis_url is None
    assert s.embedder == "use-multilingual"
    assert s.window_hours == 6.0


def test_precedence_is_file_then_env_then_flags(tmp_path):
    path = tmp_path / "radar.toml"
    path.write_text('window_hours = 3\nrefresh_seconds = 20\nnamespace = "file"\n')
    s = load_settings(
        path,
        env={"RADAR_REFRESH_SECONDS": "15", "RADAR_NAMESPACE": "env"},
        overrides={"namespace": "flag"},
    )
    assert (s.window_hours, s.refresh_seconds, s.namespace) == (3.0, 15.0, "flag")


def test_feeds_are_read_from_toml_tables(tmp_path):
    path = tmp_path / "radar.toml"
    path.write_text(
        '[[feeds]]\nname = "nos"\nurl = "https://example.org/rss"\ninterval_seconds = 60\n'
        'include = ["NS", "#treinstoring"]\n'
    )
    (feed,) = load_settings(path, env={}).feeds
    assert (
        feed.name == "nos"
        and feed.interval_seconds == 60
        and feed.include == ("NS", "#treinstoring")
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("window_hours = 'soon'", "radar.toml: window_hours: expected a number, got 'soon'"),
        (
            "windw_hours = 3",
            "radar.toml: unknown setting 'windw_hours' (did you mean 'window_hours'?)",
        ),
        ("window_hours = ", "radar.toml: not valid TOML"),
        ("[[feeds]]\nname = 'x'", "radar.toml: feeds[0].url: required text is missing"),
        (
            "[[feeds]]\nname = 'x'\nurl = 'ftp://x'",
            "radar.toml: feeds[0].url: 'ftp://x' is not an http(s) URL",
        ),
        (
            "[[feeds]]\nname = 'nos'\nurl = 'https://a.nl/rss'\n"
            "[[feeds]]\nname = 'nos'\nurl = 'https://b.nl/rss'",
            "radar.toml: feeds[1].name: 'nos' is already used by feeds[0]; "
            "give every feed its own name",
        ),
        # values that would break the radar later (NaN fails every refresh, inf never ends)
        (
            "window_hours = nan",
            "radar.toml: window_hours: must be a positive finite number, got nan",
        ),
        (
            "refresh_seconds = inf",
            "radar.toml: refresh_seconds: must be a positive finite number, got inf",
        ),
        (
            "[[feeds]]\nname = 'a'\nurl = 'https://a.nl/rss'\nenabled = 'false'",
            "radar.toml: feeds[0].enabled: expected true or false (no quotes), got 'false'",
        ),
        (
            "[[feeds]]\nname = 'a'\nurl = 'https://a.nl/rss'\nlang = 42",
            'radar.toml: feeds[0].lang: expected a language code such as "nl", got 42',
        ),
    ],
)
def test_bad_config_file_gets_one_clear_line(tmp_path, content, message):
    path = tmp_path / "radar.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    text = str(info.value).replace(str(tmp_path) + "/", "")
    assert text.startswith(message)
    assert "\n" not in text


def test_missing_config_file_names_the_file(tmp_path):
    with pytest.raises(ConfigError, match="nope.toml: config file not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_bad_redis_url_and_clock_are_refused():
    with pytest.raises(ConfigError, match="is not a Redis URL"):
        load_settings(env={"RADAR_REDIS_URL": "localhost:6379"})
    with pytest.raises(ConfigError, match="^RADAR_CLOCK: expected 'wall' or 'data'"):
        load_settings(env={"RADAR_CLOCK": "sundial"})


@pytest.mark.parametrize(
    ("env", "overrides", "message"),
    [
        ({"RADAR_WEB_LANG": "fr"}, {}, "RADAR_WEB_LANG: expected one of nl, en, got 'fr'"),
        (
            {},
            {"refresh_seconds": -1},
            "--refresh-seconds: must be a positive finite number, got -1.0",
        ),
        (
            {"RADAR_RETENTION_HOURS": "2"},
            {},
            "RADAR_RETENTION_HOURS: must be at least window_hours (6.0), got 2.0",
        ),
        ({}, {"window_hours": 100}, "retention_hours (default): must be at least window_hours"),
        ({"RADAR_PLAYBOOK_THRESHOLD": "2"}, {}, "RADAR_PLAYBOOK_THRESHOLD: must lie between"),
    ],
)
def test_invalid_value_names_where_it_came_from(tmp_path, monkeypatch, env, overrides, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_settings(env=env, overrides=overrides)
    assert str(info.value).startswith(message)


def test_scenarios_setting_is_a_comma_separated_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={"RADAR_PLAYBOOK_SCENARIOS": " treinstoring ,stroomstoring,"})
    assert s.scenarios == ("treinstoring", "stroomstoring")
    assert load_settings(env={}).scenarios == ()


def test_settings_table_lists_every_env_variable():
    names = {row[1] for row in settings_table()}
    assert {"RADAR_REDIS_URL", "RADAR_EMBEDDER", "RADAR_WINDOW_HOURS"} <= names


def test_readme_documents_every_setting():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [env for _name, env, _default, _help in settings_table() if f"`{env}`" not in readme]
    assert missing == []


def test_misspelt_environment_variable_is_named_with_the_right_one(tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={"RADAR_WINDW_HOURS": "3", "RADAR_SHARED_DATA": "/data"})
    assert s.window_hours == 6.0
    assert [r.getMessage() for r in caplog.records] == [
        "RADAR_WINDW_HOURS is not a setting and is ignored; did you mean RADAR_WINDOW_HOURS?"
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RADAR_WEB_PORT": "99999"}, "RADAR_WEB_PORT: must be a port number 1-65535, got 99999"),
        ({"RADAR_MAX_QUESTIONS": "0"}, "RADAR_MAX_QUESTIONS: must be 1 or more, got 0"),
    ],
)
def test_port_and_question_count_are_checked(tmp_path, monkeypatch, env, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=f"^{message}$"):
        load_settings(env=env)


def test_words_from_a_fixed_list_read_in_any_case():
    settings = load_settings(env={"RADAR_CLOCK": "Data", "RADAR_WEB_LANG": "EN"})
    assert (settings.clock, settings.web_lang) == ("data", "en")


def test_a_bad_port_names_the_flag_a_person_typed():
    with pytest.raises(ConfigError, match=r"^--port: must be a port number"):
        load_settings(env={}, overrides={"web_port": 0})
