"""An event's fields (kind, date, duration, place or URL, description) and its countdown posts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cmstudio.contests.forms import COMMON_ZONES, NetworkChecks, ZonedDateTimeEdit, hint
from cmstudio.core.contest_types import zone
from cmstudio.core.events_service import EVENT_KINDS, EventFields
from cmstudio.core.models import Event


class EventForm(QWidget):
    """Edits an event; saveRequested and countdownRequested let the page run the services."""

    saveRequested = Signal()
    countdownRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventForm")
        self.title = QLineEdit(self)
        self.title.setObjectName("eventTitle")
        self.title.setAccessibleName(self.tr("Event title"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("eventKind")
        labels = {
            "launch": self.tr("Launch"),
            "webinar": self.tr("Webinar"),
            "live": self.tr("Live"),
            "trade_show": self.tr("Trade show"),
            "workshop": self.tr("Workshop"),
            "other": self.tr("Other"),
        }
        for code in EVENT_KINDS:
            self.kind.addItem(labels[code], code)
        self.start = ZonedDateTimeEdit(self)
        self.start.setObjectName("eventStart")
        self.duration = QSpinBox(self)
        self.duration.setObjectName("eventDuration")
        self.duration.setRange(5, 60 * 24 * 14)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.timezone = QComboBox(self)
        self.timezone.setObjectName("eventTimezone")
        self.timezone.setEditable(True)
        self.timezone.addItems(list(COMMON_ZONES))
        self.language = QComboBox(self)
        self.language.setObjectName("eventLanguage")
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        self.place = QLineEdit(self)
        self.place.setObjectName("eventPlace")
        self.place.setPlaceholderText(self.tr("Address, venue or stand"))
        self.url = QLineEdit(self)
        self.url.setObjectName("eventUrl")
        self.url.setPlaceholderText("https://")
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("eventDescription")
        self.description.setMaximumHeight(90)
        self.networks = NetworkChecks(self)
        self.hashtag = QLineEdit(self)
        self.hashtag.setObjectName("eventHashtag")
        self.replay = QLineEdit(self)
        self.replay.setObjectName("eventReplay")
        self.replay.setPlaceholderText(self.tr("Replay link, for the thank-you post"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveEvent")
        self.save_button.setDefault(True)
        self.countdown_button = QPushButton(self.tr("Create countdown posts"), self)
        self.countdown_button.setObjectName("createCountdown")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(14)
        box = QGroupBox(self.tr("Event"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date and time"), self.start)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("Time zone"), self.timezone)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("URL"), self.url)
        form.addRow(self.tr("Description"), self.description)
        layout.addWidget(box)
        box = QGroupBox(self.tr("Countdown posts"), self)
        form = QFormLayout(box)
        form.addRow(
            hint(
                self.tr(
                    "One week before, the day before, the day itself, then thanks and replay: "
                    "a draft post per network, placed on the calendar."
                ),
                self,
            )
        )
        form.addRow(self.tr("Networks"), self.networks)
        form.addRow(self.tr("Hashtag"), self.hashtag)
        form.addRow(self.tr("Replay"), self.replay)
        layout.addWidget(box)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.countdown_button)
        actions.addWidget(self.save_button)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.saveRequested)
        self.countdown_button.clicked.connect(self.countdownRequested)
        self.timezone.currentTextChanged.connect(self._zone_changed)

    def _zone_changed(self, name: str) -> None:
        try:
            zone(name)
        except ValueError:
            return
        self.start.set_zone(name)

    def set_event(self, event: Event, networks: list[str]) -> None:
        self.timezone.blockSignals(True)
        self.timezone.setCurrentText(event.timezone)
        self.timezone.blockSignals(False)
        self.title.setText(event.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(event.kind)))
        self.start.set_moment(event.start_at, event.timezone)
        self.duration.setValue(event.duration_minutes)
        self.language.setCurrentIndex(max(0, self.language.findData(event.language)))
        self.place.setText(event.place)
        self.url.setText(event.url)
        self.description.setPlainText(event.description)
        self.networks.set_selected(networks)

    def fields(self) -> EventFields:
        return EventFields(
            title=self.title.text(),
            start_at=self.start.moment(),
            kind=str(self.kind.currentData()),
            duration_minutes=self.duration.value(),
            timezone=self.timezone.currentText().strip() or "UTC",
            place=self.place.text(),
            url=self.url.text(),
            description=self.description.toPlainText(),
            language=str(self.language.currentData()),
        )
