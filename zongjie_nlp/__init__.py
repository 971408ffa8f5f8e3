"""zongjie_nlp: parse, check and draft Chinese work summaries (工作总结 / 工作總結).

Importing this package is cheap: spaCy and jieba's dictionary are never imported here.
"""

__version__ = "0.1.0"
