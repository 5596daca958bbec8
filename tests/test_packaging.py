"""Package metadata agrees with the files it describes."""

from __future__ import annotations

import tomllib

from conftest import ROOT

#: First line of a licence text → its SPDX identifier.
SPDX = {"MIT License": "MIT", "Apache License": "Apache-2.0"}


def test_declared_licence_is_the_one_in_the_license_file() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    heading = (ROOT / "LICENSE").read_text("utf-8").splitlines()[0].strip()
    assert project["license"] == SPDX[heading]
    assert "LICENSE" in project.get("license-files", [])
