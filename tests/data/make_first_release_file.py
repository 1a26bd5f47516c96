"""How tests/data/first-release-9dc8323.sqlite.gz was made: a tiny demo file written by the first
version that had a demo (commit 9dc8323), in that version's schema.

    git worktree add /tmp/old 9dc8323
    PYTHONPATH=/tmp/old python tests/data/make_first_release_file.py /tmp/first-release.sqlite
    gzip -9 -c /tmp/first-release.sqlite > tests/data/first-release-9dc8323.sqlite.gz

It uses that version's API (no actor argument yet), so it runs only against that checkout.
"""

import datetime as dt
import sys

from commune_app.demo import generator
from commune_app.ops.context import open_session

# One member per cell instead of the commune's hundreds, so the file stays small.
generator.SCALES["tiny"] = generator.Scale(1, (2, 2), (2, 2), 0.0, False, True)
generator.SCALE_LABELS["tiny"] = "một xã rất nhỏ (kiểm thử nâng cấp)"
session = open_session(sys.argv[1])
session.today_override = dt.date(2026, 11, 20)
print(generator.generate(session, scale="tiny", seed=1))
session.store.conn.execute("PRAGMA journal_mode = DELETE")
session.store.conn.execute("VACUUM")
session.close()
