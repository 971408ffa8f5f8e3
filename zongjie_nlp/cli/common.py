"""What the commands share: the exit status of an input error, the bytes read from stdin,
and the rules as the working directory's config extends them.

Kept apart from the group (:mod:`zongjie_nlp.cli`) so that command modules never import the
package that imports them.
"""

from __future__ import annotations

EXIT_INPUT_ERROR = 2

# The bytes read from stdin, kept so that `--fix -` can write them back in their own
# encoding and line endings (stdin cannot be read twice).  Cleared by the group before
# each command (CliRunner runs several in one process).
STDIN: dict[str, bytes] = {}


def configured_rules() -> dict:
    """Every rule, the users' own (config key ``extra-rules``) included."""
    from ..checks import all_rules
    from ..linter import find_config

    return all_rules(find_config().extra_rules)
