"""pyproject.toml, constraints.txt and environment.yml must agree."""

import re
import tomllib

from conftest import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_packages():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    return {_norm(re.split(r"[<>=!~\[; ]", d)[0]) for d in deps}


def _constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_norm(name)] = version
    return pins


def _environment_packages():
    pins = {}
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+)\s*(==|=)\s*([^\s#]+)", line)
        if m and m.group(1) != "python":
            pins[_norm(m.group(1))] = m.group(3)
    return pins


def test_environment_yml_lists_the_same_packages_as_pyproject():
    assert set(_environment_packages()) == _pyproject_packages()


def test_every_package_is_pinned_and_versions_agree():
    pins, env = _constraints(), _environment_packages()
    for name in _pyproject_packages():
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert env[name] == pins[name], f"{name}: environment.yml {env[name]} != constraints {pins[name]}"


def test_makefile_installs_with_the_constraints():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c constraints.txt" in makefile


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make report" in readme
