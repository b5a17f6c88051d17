PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/fake-magento serve $(ARGS)

# PYTHONDONTWRITEBYTECODE unset for the run: pytest then keeps the modules it rewrites for assertions
# (every test module, and the packages of the installed pytest plugins) under __pycache__, and a
# later run loads them instead of rewriting them again (collection: ~10 -> ~4 s CPU a worker).
# --dist worksteal: a worker that runs out takes half of what the other has left, so both finish
# together (with load, the last slow tests of one worker ran alone for ~4 s); same CPU measured.
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 2 --dist worksteal $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/pip install -q ruff mypy
	$(BIN)/ruff check fake_magento connector contracts tests
	$(BIN)/mypy connector contracts

clean:
	rm -rf $(VENV) build *.egg-info
