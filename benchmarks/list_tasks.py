"""A list of alike resources converged by one task: ten private DNS zones, already converged,
by a loop of `arm_resource` (one module execution per zone) and by one `arm_resources` task
(one execution for all), and ten NSGs by a loop of `network_security_group` and by its `items`;
runs alternate, medians of several, at zero latency.

    .venv/bin/python -m benchmarks.list_tasks [--runs 5]

The last line printed holds the figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks.task_overhead import timed_run
from tools.ansible_run import ansible_env, run_playbook
from tools.arm_emulator.control import Emulator

COUNT = 10
HEADER = """- name: Benchmark
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    group: "/subscriptions/{{ lookup('env', 'AZURE_SUBSCRIPTION_ID') }}/resourceGroups/rg-bench"
    zones: "{{ group }}/providers/Microsoft.Network/privateDnsZones"
"""

PLAYBOOKS = {
    "zones, loop": f"""  tasks:
    - name: Zones one by one
      litware.aml_isolation.arm_resource:
        id: "{{{{ zones }}}}/z{{{{ item }}}}.example"
        body: {{location: global}}
      loop: "{{{{ range({COUNT}) | list }}}}"
""",
    "zones, one task": f"""  tasks:
    - name: Zones in one task
      litware.aml_isolation.arm_resources:
        resources: >-
          {{%- set listed = [] -%}}
          {{%- for n in range({COUNT}) -%}}
          {{%- set _ = listed.append({{'id': zones ~ '/z' ~ n ~ '.example',
                                      'body': {{'location': 'global'}}}}) -%}}
          {{%- endfor -%}}
          {{{{ listed }}}}
""",
    "NSGs, loop": f"""  tasks:
    - name: NSGs one by one
      litware.aml_isolation.network_security_group:
        name: "nsg-{{{{ item }}}}"
        resource_group: rg-bench
        location: eastus
      loop: "{{{{ range({COUNT}) | list }}}}"
""",
    "NSGs, items": f"""  tasks:
    - name: NSGs in one task
      litware.aml_isolation.network_security_group:
        items: >-
          {{%- set groups = [] -%}}
          {{%- for n in range({COUNT}) -%}}
          {{%- set _ = groups.append({{'name': 'nsg-' ~ n}}) -%}}
          {{%- endfor -%}}
          {{{{ groups }}}}
        resource_group: rg-bench
        location: eastus
""",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Emulator.start(work / "emulator", latency="zero") as emulator:
            env = ansible_env(work / "collections", emulator.env)
            setup = work / "setup.yml"
            setup.write_text(
                HEADER + "  tasks:\n    - name: Group\n"
                "      litware.aml_isolation.resource_group:\n"
                "        name: rg-bench\n        location: eastus\n"
            )
            run_playbook(setup, env).check_returncode()
            paths = {}
            for index, (label, body) in enumerate(PLAYBOOKS.items()):
                paths[label] = work / f"bench{index}.yml"
                paths[label].write_text(HEADER + body)
                run_playbook(paths[label], env).check_returncode()  # converge first
            times: dict[str, list] = {label: [] for label in PLAYBOOKS}
            gets: dict[str, int] = {}
            for _ in range(runs):
                for label, path in paths.items():
                    emulator.clear_requests()
                    times[label].append(timed_run(path, env))
                    gets[label] = sum(1 for e in emulator.requests() if e["method"] == "GET")
    medians = {label: statistics.median(values) for label, values in times.items()}
    for label, median in medians.items():
        print(f"{label:16s} median {median:6.2f} s  GETs {gets[label]}")
    print(
        f"{COUNT} converged zones: loop {medians['zones, loop']:.2f} s, one task "
        f"{medians['zones, one task']:.2f} s "
        f"(x{medians['zones, loop'] / medians['zones, one task']:.1f}); {COUNT} NSGs: loop "
        f"{medians['NSGs, loop']:.2f} s, items {medians['NSGs, items']:.2f} s "
        f"(x{medians['NSGs, loop'] / medians['NSGs, items']:.1f}); runs {runs}"
    )


if __name__ == "__main__":
    main()
