"""One licence for the whole project: the LICENSE file, the Python package and the widget."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_python_package_widget_and_lock_file_name_the_licence_of_the_license_file():
    assert "Apache License" in (ROOT / "LICENSE").read_text()[:200]
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'license = \{ text = "Apache-2.0" \}', pyproject)
    package = json.loads((ROOT / "widget" / "package.json").read_text())
    lock = json.loads((ROOT / "widget" / "package-lock.json").read_text())
    assert package["license"] == lock["packages"][""]["license"] == "Apache-2.0"
