"""The SPSS and Stata exports as PSPP and R read them (haven, foreign, readstata13).

These programs are not Python packages: on Debian, ``apt-get install pspp
r-base-core r-cran-haven r-cran-foreign r-cran-readstata13`` (``.ci/run``
installs them when it can). A test whose program is absent is skipped and
says which package to install.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

R_PACKAGES = ("haven", "foreign", "readstata13")
R_SCRIPT = r"""
out <- function(key, value) cat(key, "=", paste(value, collapse = "|"), "\n", sep = "")
d <- haven::read_dta("data.dta")
out("haven_dta_region", as.character(haven::zap_labels(haven::zap_missing(d$region))))
out("haven_dta_tag", haven::na_tag(d$region))
out("haven_dta_labels", paste(names(attr(d$region, "labels")), attr(d$region, "labels"), sep = ":"))
s <- haven::read_sav("data.sav", user_na = TRUE)
out("haven_sav_na_values", attr(s$region, "na_values"))
out("haven_sav_region", as.vector(s$region))
r <- readstata13::read.dta13("data.dta")
out("readstata13_classes", paste(names(r), sapply(r, class), sep = ":"))
out("readstata13_types", paste(names(r), attr(r, "types"), sep = ":"))
out("readstata13_region", as.character(r$region))
f <- foreign::read.spss("data.sav", to.data.frame = TRUE)
out("foreign_region", as.character(f$region))
out("foreign_levels", levels(f$motivations_2))
"""
REGION_AS_FACTOR = ["Local: Syria or Iraq", "Western country", "NA", "NA"]
"""The sample's four regions as a factor: no answer, then "prefers not to say", both NA."""
PSPP_SYNTAX = """GET FILE='data.sav'.
DISPLAY DICTIONARY.
FREQUENCIES VARIABLES=region.
"""


def _r_missing() -> str:
    if shutil.which("Rscript") is None:
        return "R is not installed (apt-get install r-base-core)"
    check = "quit(status = !all(sapply(c({}), requireNamespace, quietly = TRUE)))".format(
        ", ".join(f'"{name}"' for name in R_PACKAGES)
    )
    if subprocess.run(["Rscript", "-e", check], capture_output=True, check=False).returncode:
        return "R lacks haven, foreign or readstata13 (apt-get install r-cran-haven ...)"
    return ""


@pytest.fixture(scope="module")
def read_by_r(sample_export: Path) -> dict[str, list[str]]:
    missing = _r_missing()
    if missing:
        pytest.skip(missing)
    result = subprocess.run(
        ["Rscript", "-e", R_SCRIPT], cwd=sample_export, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition("=")
        found[key] = value.split("|")
    return found


def test_haven_reads_stata_codes_with_labels_and_the_missing_code_as_na_a(
    read_by_r: dict[str, list[str]],
) -> None:
    assert read_by_r["haven_dta_region"] == ["1", "3", "NA", "NA"]
    assert read_by_r["haven_dta_tag"] == ["NA", "NA", "NA", "a"]  # "prefers not to say"
    assert read_by_r["haven_dta_labels"] == [
        "Local: Syria or Iraq:1",
        "Western country:3",
        "Prefers not to say:NA",
    ]


def test_haven_reads_the_spss_user_missing_code(read_by_r: dict[str, list[str]]) -> None:
    assert read_by_r["haven_sav_na_values"] == ["99"]
    assert read_by_r["haven_sav_region"] == ["1", "3", "NA", "99"]


def test_readstata13_makes_factors_of_codes_stored_as_bytes(
    read_by_r: dict[str, list[str]],
) -> None:
    classes = dict(item.split(":") for item in read_by_r["readstata13_classes"])
    assert classes["region"] == classes["motivations_2"] == "factor"
    assert classes["months"] == "integer" and classes["credibility_score"] == "numeric"
    types = dict(item.split(":") for item in read_by_r["readstata13_types"])
    assert types["region"] == types["months"] == "65530"  # Stata's byte
    assert types["credibility_score"] == "65526"  # double
    assert read_by_r["readstata13_region"] == [
        "Local: Syria or Iraq",
        "Western country",
        "NA",
        "NA",
    ]


def test_foreign_reads_spss_factors_with_the_missing_code_left_out(
    read_by_r: dict[str, list[str]],
) -> None:
    assert read_by_r["foreign_region"] == REGION_AS_FACTOR
    assert read_by_r["foreign_levels"] == ["Not chosen", "Chosen"]


def test_pspp_sees_integer_formats_labels_and_user_missing(
    sample_export: Path, tmp_path: Path
) -> None:
    if shutil.which("pspp") is None:
        pytest.skip("PSPP is not installed (apt-get install pspp)")
    syntax = tmp_path / "read.sps"
    syntax.write_text(PSPP_SYNTAX.replace("data.sav", str(sample_export / "data.sav")))
    table = tmp_path / "out.csv"
    result = subprocess.run(
        ["pspp", "-O", "format=csv", str(syntax), "-o", str(table)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = table.read_text().splitlines()
    region = next(line.split(",") for line in lines if line.startswith("region,"))
    assert region[3] == "Nominal" and region[7] == "F2.0" and region[9] == "99"
    months = next(line.split(",") for line in lines if line.startswith("months,"))
    assert months[3] == "Scale" and months[7] == "F3.0"
    assert ",99[a],Prefers not to say" in lines
    # "Prefers not to say" is counted as missing, not as an answer.
    assert ",Prefers not to say,1,25.0%,," in lines
    assert "Valid,Local: Syria or Iraq,1,25.0%,50.0%,50.0%" in lines
