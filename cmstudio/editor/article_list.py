"""The article list: a model over article summaries, a delegate that draws calm two-line rows, and
the panel with search, filters, sort, trash and Markdown import by drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.article_rows import ARTICLE_STATUSES, SORT_KEYS, ArticleQuery, ArticleSummary
from cmstudio.editor.labels import BASE_LANGUAGES, add_languages, status_label
from cmstudio.ui.theme import is_dark

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".txt"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_COLORS = {
    "idea": ("#9b8afb", "#7c6ad6"),
    "draft": ("#9aa0a6", "#80868b"),
    "ready": ("#f0b35a", "#c98a1c"),
    "scheduled": ("#6aa9ff", "#2f6fb5"),
    "published": ("#62c483", "#2e8b57"),
}


def status_color(status: str) -> QColor:
    dark, light = STATUS_COLORS.get(status, ("#9aa0a6", "#80868b"))
    return QColor(dark if is_dark() else light)


def markdown_paths(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [
        Path(u.toLocalFile())
        for u in mime.urls()
        if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in MARKDOWN_SUFFIXES
    ]


class ArticleListModel(QAbstractListModel):
    """Rows are :class:`ArticleSummary`; dropping Markdown files on it asks for an import."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ArticleSummary] = []

    def set_rows(self, rows: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title or self.tr("Untitled")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {status_label(row.status)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.excerpt or row.title
        if role == ID_ROLE:
            return row.id
        if role == SUMMARY_ROLE:
            return row
        return None

    def row_of(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == article_id), -1)

    # -- dropping Markdown files --------------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return ["text/uri-list"]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.CopyAction

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,  # noqa: N802
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return bool(markdown_paths(data))

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,  # noqa: N802
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        paths = markdown_paths(data)
        if not paths:
            return False
        self.filesDropped.emit(paths)
        return True


class ArticleDelegate(QStyledItemDelegate):
    """Title on the first line; a status dot, status, date and language on the second."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(option.rect.width(), max(58, option.fontMetrics.height() * 3 + 10))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row: ArticleSummary | None = index.data(SUMMARY_ROLE)
        if row is None:
            return
        painter.save()
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(6, 3, -6, -3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect, 8, 8)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(rect, 8, 8)
        text_color = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(text_color)
        muted.setAlphaF(0.72 if selected else 0.6)
        inner = rect.adjusted(12, 7, -12, -7)
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(text_color)
        fm = painter.fontMetrics()
        title = fm.elidedText(index.data() or "", Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        painter.setFont(small)
        sfm = painter.fontMetrics()
        y = inner.top() + fm.height() + 5
        dot = 8
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_color(row.status) if not selected else text_color)
        painter.drawEllipse(inner.left(), y + (sfm.height() - dot) // 2, dot, dot)
        when = (
            row.publish_at if row.status in ("scheduled", "published") and row.publish_at else row.updated_at
        )
        local = QLocale()
        date = local.toString(when.astimezone().date(), QLocale.FormatType.ShortFormat)
        meta = f"{status_label(row.status)}  ·  {date}  ·  {row.language.upper()}"
        if row.tags:
            meta += "  ·  " + ", ".join(row.tags[:3])
        painter.setPen(muted)
        meta_rect = QRect(inner.left() + dot + 8, y, inner.width() - dot - 8, sfm.height())
        painter.drawText(
            meta_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            sfm.elidedText(meta, Qt.TextElideMode.ElideRight, meta_rect.width()),
        )
        painter.restore()


class ArticleListPanel(QWidget):
    """Search, filters and the list; asks its parent to act through ``…Requested`` signals."""

    queryChanged = Signal()
    currentArticleChanged = Signal(int)  # 0 when nothing is selected
    newRequested = Signal()
    importRequested = Signal(list)  # list[Path]
    contextMenuRequested = Signal(object)  # QPoint in global coordinates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleListPanel")
        self.setMinimumWidth(280)
        self.model = ArticleListModel(self)
        self._build()
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 12, 6, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("articleSearch")
        self.search.setAccessibleName(self.tr("Search articles"))
        self.search.setPlaceholderText(self.tr("Search titles and text"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.setObjectName("newArticleButton")
        self.new_button.setToolTip(self.tr("New article (Ctrl+N)"))
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in ARTICLE_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setAccessibleName(self.tr("Filter by tag"))
        self.tag_filter.addItem(self.tr("All tags"), None)
        self.language_filter = QComboBox(self)
        self.language_filter.setObjectName("languageFilter")
        self.language_filter.setAccessibleName(self.tr("Filter by language"))
        self.language_filter.addItem(self.tr("All languages"), None)
        add_languages(self.language_filter, BASE_LANGUAGES)  # the others once the view is on screen
        for box in (self.status_filter, self.tag_filter, self.language_filter):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(7)
            filters.addWidget(box, 1)
        layout.addLayout(filters)

        order = QHBoxLayout()
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("articleSort")
        self.sort_box.setAccessibleName(self.tr("Sort articles"))
        labels = {
            "updated": self.tr("Last edited"),
            "created": self.tr("Created"),
            "title": self.tr("Title"),
            "status": self.tr("Status"),
            "publish_at": self.tr("Publication date"),
        }
        for key in SORT_KEYS:
            self.sort_box.addItem(labels[key], key)
        self.trash_button = QToolButton(self)
        self.trash_button.setObjectName("trashToggle")
        self.trash_button.setText(self.tr("Trash"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(self.tr("Show the articles in the trash"))
        order.addWidget(self.sort_box, 1)
        order.addWidget(self.trash_button)
        layout.addLayout(order)

        self.view = QListView(self)
        self.view.setObjectName("articleList")
        self.view.setAccessibleName(self.tr("Articles"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(ArticleDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pal = self.view.palette()
        pal.setColor(QPalette.ColorRole.Base, pal.color(QPalette.ColorRole.Window))
        self.view.setPalette(pal)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self.queryChanged)
        for box in (self.status_filter, self.tag_filter, self.language_filter, self.sort_box):
            box.currentIndexChanged.connect(lambda _i: self.queryChanged.emit())
        self.trash_button.toggled.connect(lambda _c: self.queryChanged.emit())
        self.new_button.clicked.connect(self.newRequested)
        self.model.filesDropped.connect(self.importRequested)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.contextMenuRequested.emit(self.view.viewport().mapToGlobal(pos))
        )

    def query(self) -> ArticleQuery:
        sort = self.sort_box.currentData()
        return ArticleQuery(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            tag=self.tag_filter.currentData(),
            language=self.language_filter.currentData(),
            trashed=self.trash_button.isChecked(),
            sort=sort,
            descending=sort not in ("title",),
        )

    def add_languages(self, codes: tuple[str, ...]) -> None:
        add_languages(self.language_filter, codes)

    def set_tags(self, tags: list[str]) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)

    def set_rows(self, rows: list[ArticleSummary], keep: int) -> None:
        """Show ``rows`` and keep article ``keep`` selected when it is still listed."""
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        row = self.model.row_of(keep)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
        self.view.selectionModel().blockSignals(False)

    def select(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
            self.view.scrollTo(self.model.index(row))

    def current_id(self) -> int:
        index = self.view.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else 0

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentArticleChanged.emit(int(current.data(ID_ROLE)) if current.isValid() else 0)
