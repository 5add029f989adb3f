"""Glued numbers do not depend on the CPU (tools/cross_cpu.py)."""

import subprocess
import sys

import pytest

from conftest import NOTEBOOK_FRONT_MATTER, ROOT

pytestmark = pytest.mark.build

TOOL = ROOT / "tools" / "cross_cpu.py"

#: Chapter 5's old split of the cars into thirds by np.argsort, which cuts
#: through runs of tied horsepower values: its mean residual read "-0.1" with
#: AVX-512 and "-0.0" without.
THIRDS = """
```{code-cell} ipython3
import numpy as np
from myst_nb import glue
from lessons import data, ols

cars = data.load_cars()
line = ols.fit_line(cars["Horsepower"], cars["Miles_per_Gallon"])
errors = ols.residuals(cars["Horsepower"], cars["Miles_per_Gallon"], *line)
thirds = np.array_split(np.argsort(cars["Horsepower"].to_numpy()), 3)
glue("top_third", float(errors[thirds[2]].mean()), display=False)
```

The top third misses by {glue:text}`top_third:.1f` mpg.
"""


@pytest.mark.verify  # every chapter three times (minutes): `make verify`, after `make test`
def test_every_glued_value_reads_the_same_on_older_cpus():
    run = subprocess.run(
        [sys.executable, str(TOOL)], capture_output=True, text=True, timeout=1800, cwd=ROOT
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-3000:]


def test_the_check_catches_a_machine_dependent_number(tmp_path):
    page = tmp_path / "thirds.md"
    page.write_text(NOTEBOOK_FRONT_MATTER + "\n# Thirds\n" + THIRDS, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(TOOL), str(page)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    if "no optional NumPy dispatch target" in run.stdout:
        pytest.skip("this CPU has no AVX2/AVX-512 paths to switch off")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "top_third:.1f" in run.stdout
