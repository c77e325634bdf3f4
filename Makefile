# One entry point. Every target creates what it needs on a fresh machine (Python 3.11 + pip).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: venv demo test emulator-start emulator-stop lab-up lab-down bench clean

$(STAMP): requirements/runtime.txt requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $(STAMP)

venv: $(STAMP)

## The main job on the embedded emulator: start it, run playbooks/site.yml, stop it.
demo: venv
	$(BIN)/python tools/run_on_emulator.py -- $(BIN)/ansible-playbook -i inventories/local playbooks/site.yml

## Every test: linters, sanity, unit, emulator, integration, molecule in the lab.
test: venv
	$(BIN)/python -m pytest tests

emulator-start: venv
	$(BIN)/python -m tools.arm_emulator start

emulator-stop: venv
	$(BIN)/python -m tools.arm_emulator stop

clean:
	rm -rf $(VENV) .emulator
