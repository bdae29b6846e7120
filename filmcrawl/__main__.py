from filmcrawl.cli import main

raise SystemExit(main())
