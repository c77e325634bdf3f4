# One entry point. Every target creates what it needs on a fresh machine (Python 3.11 + pip).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: venv demo test emulator-start emulator-stop lab-up lab-down bench clean

$(STAMP): requirements/runtime.txt requirements/test.txt requirements/test-nodeps.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/pip install --quiet -r requirements/test.txt 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/pip install --quiet --no-deps -r requirements/test-nodeps.txt 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -c "import ansible, ansible_mitogen, azure.identity, azure.mgmt.core, pytest, molecule, xdist"
	mkdir -p .cache/collections/ansible_collections/litware
	ln -sfn ../../../.. .cache/collections/ansible_collections/litware/aml_isolation
	ln -sfn "$$($(BIN)/python -c 'import ansible_mitogen, os; print(os.path.dirname(ansible_mitogen.__file__))')/plugins/strategy" .cache/mitogen_strategy
	touch $(STAMP)

venv: $(STAMP)

## The main job on the embedded emulator: start it, run playbooks/site.yml, stop it.
demo: venv
	$(BIN)/python -m tools.run_on_emulator --lab -- $(BIN)/ansible-playbook -i inventories/local playbooks/site.yml

## Every test: linters, sanity, unit, emulator, integration, molecule in the lab. Two processes
## (tests/conftest.py keeps the lab's tests in one); the slowest tests are listed at the end.
## Exit status 5 (no test collected, e.g. a filtered run) is not a failure.
PYTEST_WORKERS ?= 2
test: venv
	$(BIN)/python -m pytest tests -n $(PYTEST_WORKERS) --dist loadfile --durations=25 \
		|| test $$? -eq 5

emulator-start: venv
	$(BIN)/python -m tools.arm_emulator start --state-dir .emulator

emulator-stop: venv
	$(BIN)/python -m tools.arm_emulator stop --state-dir .emulator

lab-up: venv
	$(BIN)/python -m tools.lab up

lab-down: venv
	$(BIN)/python -m tools.lab down

## Benchmarks: figures and reproduce commands are in benchmarks/README.md.
bench: venv
	$(BIN)/python -m benchmarks.task_overhead
	$(BIN)/python -m benchmarks.fault_convergence
	bash benchmarks/install_weight.sh

clean:
	rm -rf $(VENV) .emulator
