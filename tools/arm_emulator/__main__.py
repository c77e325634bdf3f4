"""python -m tools.arm_emulator: the emulator's command line."""

from tools.arm_emulator.cli import main

raise SystemExit(main())
