#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: controller_files
short_description: Write several files on the controller in one task
version_added: 0.5.0
description:
  - Writes each file of O(files) into the directory O(dest), from a template or from given
    content, in one task that runs in the Ansible process on the controller. No module is
    sent anywhere, so a list of files costs one task instead of one or two module executions
    per file.
  - Writes on the controller, whatever the host. The task's host only gives the variables the
    templates are rendered with; C(delegate_to), C(become) and the connection do not change
    where the files go or who owns them (the user running Ansible).
  - Every item is checked, every template rendered and every current file read before the
    first write, so a bad item writes nothing.
  - Each file is written only when its content or mode differs, through a temporary file in
    O(dest) renamed over it, so a reader never sees a half-written file.
author:
  - Litware Cloud Platform Team (@litware)
options:
  dest:
    description:
      - The directory the files are written in; created with mode C(0755) when missing.
      - A relative path is relative to the playbook's directory, as with
        M(ansible.builtin.template) on a local connection.
    type: path
    required: true
  files:
    description: The files to write.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The file name inside O(dest); a name with C(/) or C(..) is refused.
        type: str
        required: true
      template:
        description:
          - A Jinja2 template file, found and rendered with the task's variables as
            M(ansible.builtin.template) does. It is searched in the role's C(templates/)
            directory, then in the playbook's.
          - Give exactly one of O(files[].template) and O(files[].content).
        type: str
      content:
        description:
          - The content of the file. A string is written as it is; any other value as JSON
            indented by 4 with the keys in their order and a final newline (what
            C(to_nice_json(sort_keys=false)) followed by a newline gives).
          - Give exactly one of O(files[].template) and O(files[].content).
        type: raw
      mode:
        description: The octal mode of the file, for example V(0644) or V(0755).
        type: raw
        default: "0644"
attributes:
  action:
    description: Runs as an action plugin, in the Ansible process on the controller.
    support: full
  async:
    description: Supports being used with the C(async) keyword.
    support: none
  bypass_host_loop:
    description: Forces a 'global' task that does not execute per host.
    support: none
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying
      target.
    support: full
    details: In check mode nothing is written (not even O(dest)); the result says what would change.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in
      check_mode), when in diff mode.
    support: full
  idempotent:
    description: When run twice in a row outside check mode, with the same arguments, the
      second invocation indicates no change.
    support: full
  platform:
    description: Target OS/families that can be operated against.
    support: full
    platforms: posix
    details: The files are always written on the controller, whatever the host.
seealso:
  - module: ansible.builtin.template
  - module: ansible.builtin.copy
"""

EXAMPLES = r"""
- name: Write the reports of a run
  litware.aml_isolation.controller_files:
    dest: "{{ playbook_dir }}/report"
    files:
      - name: report.md
        template: report.md.j2
      - name: report.json
        content: {summary: "{{ summary }}", results: "{{ results }}"}
      - name: notes.txt
        content: "Written by the run.\n"

- name: Render a setup script, executable
  litware.aml_isolation.controller_files:
    dest: "{{ script_path | dirname }}"
    files:
      - name: "{{ script_path | basename }}"
        template: setup.sh.j2
        mode: "0755"
  run_once: true
"""

RETURN = r"""
dest:
  description: The directory the files are written in.
  returned: always
  type: str
  sample: /home/deployer/audit-report
files:
  description: Each file of O(files), in their order.
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: The path of the file.
      type: str
      returned: always
      sample: /home/deployer/audit-report/report.md
    changed:
      description: Whether its content or mode changed (or would change, in check mode).
      type: bool
      returned: always
diff:
  description:
    - In diff mode, for each file whose content changes, its content before and after
      (C(before), C(after); C(before_header) and C(after_header) are its path) and, for an
      existing file whose mode changes, its C(path) and C(mode) before and after.
  returned: in diff mode
  type: list
  elements: dict
"""
