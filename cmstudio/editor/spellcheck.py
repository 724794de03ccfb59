"""Spell checking of the editor's blocks on a background thread.

The highlighter asks for each block it paints. Results are cached by the block's text, so a block
is checked again only when its text changes, and a result that comes back for a text the block no
longer holds simply is not drawn on it (the block was edited meanwhile and has asked again).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextDocument

from cmstudio.editor.highlighter import IN_FENCE
from cmstudio.editor.workers import run_task, serial_pool

log = logging.getLogger(__name__)

Hit = tuple[int, int, str]
BATCH = 24
CACHE_SIZE = 20_000


def _check_batch(
    generation: int, lang: str, personal: frozenset[str], texts: list[str]
) -> tuple[int, dict[str, tuple[Hit, ...]]]:
    from cmstudio.core.spell import check_paragraph, get_checker

    get_checker(lang)
    out: dict[str, tuple[Hit, ...]] = {}
    for text in texts:
        out[text] = tuple((m.start, m.end, m.word) for m in check_paragraph(text, lang, personal))
        time.sleep(0)  # hand the GIL back to the UI thread between paragraphs
    return generation, out


class SpellController(QObject):
    """Checks blocks of one document in a language, with the workspace's personal words."""

    checked = Signal()  # a batch of results was applied
    idle = Signal()

    def __init__(
        self, document: QTextDocument, highlighter: QSyntaxHighlighter, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.highlighter = highlighter
        self.pool = serial_pool(self)
        self.lang = "fr"
        self.enabled = False  # until configure(): the editor does so once its view is on screen
        self.personal: frozenset[str] = frozenset()
        self.ignored: set[str] = set()
        self._generation = 0
        self._cache: OrderedDict[str, tuple[Hit, ...]] = OrderedDict()
        self._stale: dict[str, tuple[Hit, ...]] = {}
        self._pending: dict[str, int] = {}
        self._running = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._flush)

    # -- configuration ------------------------------------------------------------------------
    def configure(self, lang: str, personal: Iterable[str], *, enabled: bool = True) -> None:
        from cmstudio.core.spell import SUPPORTED

        base = lang.split("-")[0].lower()
        personal_set = frozenset(str(w) for w in personal)
        if (base, personal_set, enabled) == (self.lang, self.personal, self.enabled):
            return
        self.lang, self.personal, self.enabled = base, personal_set, enabled and base in SUPPORTED
        self.reset()

    def reset(self) -> None:
        """Check every block again (language or dictionary changed). Old underlines stay until the
        new result for their block arrives, so nothing flickers and the UI thread does not
        re-colour the whole document at once."""
        self._generation += 1
        self._stale = dict(self._cache) if self.enabled else {}
        self._cache.clear()
        self._pending.clear()
        if not self.enabled:
            self.highlighter.rehighlight()
            return
        block = self.document.begin()
        while block.isValid():
            text = block.text()
            if text.strip() and block.userState() != IN_FENCE:
                self.request(text, block.blockNumber())
            block = block.next()

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self.highlighter.rehighlight()

    # -- highlighter side ---------------------------------------------------------------------
    def lookup(self, text: str) -> tuple[Hit, ...] | None:
        if not self.enabled or not text.strip():
            return ()
        found = self._cache.get(text)
        if found is None:
            return self._stale.get(text)
        self._cache.move_to_end(text)
        return tuple(h for h in found if h[2] not in self.ignored) if self.ignored else found

    def request(self, text: str, block_number: int) -> None:
        if text not in self._pending:
            self._pending[text] = block_number
            self._timer.start()  # restarted while typing: a block is checked once the typing pauses

    # -- background ---------------------------------------------------------------------------
    def _flush(self) -> None:
        if not self._pending:
            return
        texts = list(self._pending)[:BATCH]
        hints = {t: self._pending.pop(t) for t in texts}
        self._running += 1
        run_task(
            _check_batch,
            self._generation,
            self.lang,
            self.personal,
            texts,
            on_done=lambda result: self._apply(result, hints),
            on_failed=self._failed,
            pool=self.pool,
        )
        if self._pending:
            QTimer.singleShot(0, self, self._flush)

    def _failed(self, exc: Exception) -> None:
        self._running -= 1
        log.warning("spell check failed: %s", exc)
        self.enabled = False
        self._maybe_idle()

    def _apply(self, result: tuple[int, dict[str, tuple[Hit, ...]]], hints: dict[str, int]) -> None:
        self._running -= 1
        generation, found = result
        if generation == self._generation:
            for text, hits in found.items():
                self._cache[text] = hits
                if hits != self._stale.pop(text, ()):
                    self._repaint(text, hints.get(text, 0))
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            self.checked.emit()
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._running and not self._pending:
            self.idle.emit()

    def _repaint(self, text: str, hint: int) -> None:
        """Re-colour the block that asked, if it still holds ``text`` (a line or two may have been
        added or removed above it meanwhile); otherwise it has asked again with its new text."""
        for number in (hint, hint - 1, hint + 1, hint - 2, hint + 2):
            block = self.document.findBlockByNumber(number)
            if block.isValid() and block.text() == text:
                self.highlighter.rehighlightBlock(block)
                return

    def busy(self) -> bool:
        return bool(self._running or self._pending or self._timer.isActive())

    # -- context menu -------------------------------------------------------------------------
    def misspelling_at(self, block: QTextBlock, position_in_block: int) -> Hit | None:
        """The underlined word at a position (in Python characters of the block's text)."""
        for hit in self.lookup(block.text()) or ():
            if hit[0] <= position_in_block <= hit[1]:
                return hit
        return None

    def suggestions(self, word: str) -> list[str]:
        from cmstudio.core.spell import suggestions

        try:
            return suggestions(word, self.lang, 5)
        except Exception:  # a missing dictionary must not break the context menu
            log.warning("no suggestions for %r", word, exc_info=True)
            return []
