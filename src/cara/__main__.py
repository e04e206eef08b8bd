from cara.cli import main

raise SystemExit(main())
