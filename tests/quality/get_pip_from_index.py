"""Stand-in for the pip bootstrap script that ansible-test downloads from a host outside the
package index. ansible-test runs it inside each sanity virtual environment (created without pip)
with get-pip's arguments; this installs the bundled pip and then the requested versions from the
configured package index."""

import ensurepip
import os
import subprocess
import sys

GET_PIP_ONLY_FLAGS = {"--no-setuptools", "--no-wheel"}

ensurepip.bootstrap(upgrade=True)
# ensurepip points PIP_CONFIG_FILE at /dev/null for itself; the index install needs the real config.
os.environ.pop("PIP_CONFIG_FILE", None)
pip_args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_FLAGS]
subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *pip_args])
