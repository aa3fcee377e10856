import shutil
import tempfile
from pathlib import Path

import pytest

from tests.faults.harness import RedisProc, Stage


class Procs:
    """Starts processes for one test and stops every one of them afterwards."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stages: list[Stage] = []
        self.servers: list[RedisProc] = []

    def redis(self, port: int | None = None, start: bool = True) -> RedisProc:
        server = RedisProc(self.folder / "redis", port)
        self.servers.append(server)
        return server.start() if start else server

    def stage(self, name: str, *args: str, redis_url: str, **env: str) -> Stage:
        stage = Stage(name, list(args), redis_url, self.folder, **env)
        self.stages.append(stage)
        return stage

    def close(self) -> None:
        for stage in self.stages:
            stage.stop()
        for server in self.servers:
            server.stop()


@pytest.fixture
def procs(request):
    folder = Path(tempfile.mkdtemp(prefix="radar-faults-"))
    box = Procs(folder)
    yield box
    box.close()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for stage in box.stages:
            print(f"\n--- {stage.name} log ---\n{stage.log()[-3000:]}")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
