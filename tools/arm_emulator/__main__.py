from tools.arm_emulator.cli import main

raise SystemExit(main())
