"""jieba, set up in one place: import it from here, not `import jieba` directly.

jieba announces its dictionary load ("Building prefix dict…", "Loading model cost…") at DEBUG on
its own stderr handler, and our root handler repeated each line; each gunicorn worker and the
task worker loaded it again. Here its messages are quiet (warnings only, no repeat through the
root logger). `preload()` loads the dictionary once, announcing it once: gunicorn's master calls
it before forking (gunicorn.conf.py), so the workers share one copy and never load it themselves.
"""

from __future__ import annotations

import logging

import jieba

_LOGGER = logging.getLogger("jieba")
_LOGGER.propagate = False
jieba.setLogLevel(logging.WARNING)

Tokenizer = jieba.Tokenizer


def lcut(text: str) -> list[str]:
    """jieba's accurate-mode words of `text` (the default dictionary)."""
    return jieba.lcut(text)


def preload(*, announce: bool = True) -> None:
    """Load the default dictionary now (once per process tree when called before forking)."""
    if jieba.dt.initialized:
        return
    if announce:
        jieba.setLogLevel(logging.DEBUG)
    try:
        jieba.initialize()
    finally:
        jieba.setLogLevel(logging.WARNING)
