# The two commands a user needs: `make report` (render every notebook) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
REPORTS ?= reports
STAMP := $(VENV)/.installed

.PHONY: install report test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; run 'make PYTHON=python3 ...'" >&2; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

report: install
	MPLBACKEND=Agg $(PY) -m helpers report --corpus "$(CORPUS)" --out "$(REPORTS)"

test: install
	MPLBACKEND=Agg $(PY) -m pytest -q

lint: install
	$(PY) -m ruff check helpers tests

clean:
	rm -rf $(REPORTS) .pytest_cache
