import pytest

from radar.leader import Election

pytestmark = pytest.mark.unit


def test_a_standby_is_not_leader_and_tries_again_within_a_second():
    e = Election(ttl=15.0)
    e.update(now=0.0, held=False)
    assert not e.is_leader(0.0)
    assert e.next_try(0.0) == 1.0


def test_a_leader_renews_every_third_of_the_ttl():
    e = Election(ttl=15.0)
    e.update(now=10.0, held=True)
    assert e.is_leader(10.0)
    assert e.next_try(10.0) == 15.0


def test_a_leader_that_cannot_renew_stops_leading_before_the_lock_expires():
    e = Election(ttl=10.0, safety=0.9)
    e.update(now=0.0, held=True)
    assert e.is_leader(8.9)
    assert not e.is_leader(9.0)  # the lock (10 s) may pass to a standby soon: stop writing


def test_losing_the_lock_ends_leadership_at_once():
    e = Election(ttl=10.0)
    e.update(now=0.0, held=True)
    e.update(now=3.0, held=False)
    assert not e.is_leader(3.1)


def test_a_short_ttl_polls_faster_than_once_a_second():
    assert Election(ttl=1.5).next_try(0.0) == 0.5
