"""The contest's fields: what, when, where, prizes, how to enter, who may enter, data retention."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cmstudio.contests.forms import COMMON_ZONES, NetworkChecks, PrizesTable, ZonedDateTimeEdit, hint
from cmstudio.core.contest_types import zone
from cmstudio.core.contests_service import MECHANICS, ContestFields
from cmstudio.core.models import Contest


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class ContestForm(QWidget):
    """Edits a contest's fields; emits saveRequested when the user saves and purgeRequested for GDPR."""

    saveRequested = Signal()
    purgeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contestForm")
        self.title = QLineEdit(self)
        self.title.setObjectName("contestTitle")
        self.title.setAccessibleName(self.tr("Contest title"))
        self.organizer = QLineEdit(self)
        self.organizer.setObjectName("contestOrganizer")
        self.organizer.setPlaceholderText(self.tr("Company or person running the contest"))
        self.start = ZonedDateTimeEdit(self)
        self.start.setObjectName("contestStart")
        self.start.setAccessibleName(self.tr("Start"))
        self.end = ZonedDateTimeEdit(self)
        self.end.setObjectName("contestEnd")
        self.end.setAccessibleName(self.tr("End"))
        self.timezone = QComboBox(self)
        self.timezone.setObjectName("contestTimezone")
        self.timezone.setEditable(True)
        self.timezone.addItems(list(COMMON_ZONES))
        self.language = QComboBox(self)
        self.language.setObjectName("contestLanguage")
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        self.networks = NetworkChecks(self, columns=2)
        self.prizes = PrizesTable(self)
        self.mechanics: dict[str, QCheckBox] = {}
        labels = {
            "like": self.tr("Like"),
            "comment": self.tr("Comment"),
            "share": self.tr("Share"),
            "tag_friends": self.tr("Tag friends"),
            "hashtag": self.tr("Use the hashtag"),
            "answer": self.tr("Answer the question"),
            "form": self.tr("Fill in a form"),
        }
        for code in MECHANICS:
            box = QCheckBox(labels[code], self)
            box.setObjectName(f"mechanic_{code}")
            self.mechanics[code] = box
        self.hashtag = QLineEdit(self)
        self.hashtag.setObjectName("contestHashtag")
        self.hashtag.setPlaceholderText("#MyGiveaway")
        self.question = QLineEdit(self)
        self.question.setObjectName("contestQuestion")
        self.question.setPlaceholderText(self.tr("Question entrants answer in their comment"))
        self.min_age = QSpinBox(self)
        self.min_age.setObjectName("minAge")
        self.min_age.setRange(0, 99)
        self.min_age.setSpecialValueText(self.tr("no minimum"))
        self.countries = QLineEdit(self)
        self.countries.setObjectName("countries")
        self.countries.setPlaceholderText(self.tr("FR, BE, CH (empty: any country)"))
        self.one_entry = QCheckBox(self.tr("One entry per person"), self)
        self.one_entry.setObjectName("oneEntryPerPerson")
        self.excluded = QLineEdit(self)
        self.excluded.setObjectName("excludedHandles")
        self.excluded.setPlaceholderText(self.tr("Staff and partners: @handle, @handle"))
        self.winners = QSpinBox(self)
        self.winners.setObjectName("winnersCount")
        self.winners.setRange(1, 1000)
        self.alternates = QSpinBox(self)
        self.alternates.setObjectName("alternatesCount")
        self.alternates.setRange(0, 1000)
        self.retention = QDateEdit(self)
        self.retention.setObjectName("retentionDate")
        self.retention.setCalendarPopup(True)
        self.retention_note = QLabel(self)
        self.retention_note.setObjectName("retentionNote")
        self.retention_note.setWordWrap(True)
        self.purge_button = QPushButton(self.tr("Purge entrants’ data…"), self)
        self.purge_button.setObjectName("purgeEntrants")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveContest")
        self.save_button.setDefault(True)
        self._build()
        self._connect()

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setVerticalSpacing(8)
        form.setHorizontalSpacing(14)
        return box, form

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(14)
        box, form = self._group(self.tr("Contest"))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Organizer"), self.organizer)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("End"), self.end)
        form.addRow(self.tr("Time zone"), self.timezone)
        form.addRow(self.tr("Rules language"), self.language)
        form.addRow(self.tr("Networks"), self.networks)
        layout.addWidget(box)

        box, form = self._group(self.tr("Prizes"))
        form.addRow(self.prizes)
        layout.addWidget(box)

        box, form = self._group(self.tr("How to enter"))
        grid = QGridLayout()
        for index, checkbox in enumerate(self.mechanics.values()):
            grid.addWidget(checkbox, index // 3, index % 3)
        form.addRow(grid)
        form.addRow(self.tr("Hashtag"), self.hashtag)
        form.addRow(self.tr("Question"), self.question)
        layout.addWidget(box)

        box, form = self._group(self.tr("Who may enter"))
        form.addRow(self.tr("Minimum age"), self.min_age)
        form.addRow(self.tr("Countries"), self.countries)
        form.addRow("", self.one_entry)
        form.addRow(self.tr("Excluded people"), self.excluded)
        counts = QHBoxLayout()
        counts.addWidget(self.winners)
        counts.addWidget(QLabel(self.tr("alternates"), self))
        counts.addWidget(self.alternates)
        counts.addStretch(1)
        form.addRow(self.tr("Winners"), counts)
        layout.addWidget(box)

        box, form = self._group(self.tr("Personal data (GDPR)"))
        form.addRow(self.tr("Delete entrants’ data on"), self.retention)
        form.addRow(self.retention_note)
        form.addRow("", self.purge_button)
        form.addRow(
            hint(self.tr("The rules state this date; the studio reminds you when it is reached."), self)
        )
        layout.addWidget(box)

        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        layout.addLayout(actions)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.saveRequested)
        self.purge_button.clicked.connect(self.purgeRequested)
        self.timezone.currentTextChanged.connect(self._zone_changed)

    def _zone_changed(self, name: str) -> None:
        try:
            zone(name)
        except ValueError:
            return
        self.start.set_zone(name)
        self.end.set_zone(name)

    def set_contest(self, contest: Contest, retention: datetime, purge_due: bool) -> None:
        """Fill the form from *contest*; *retention* is its effective data retention date."""
        self.timezone.blockSignals(True)
        self.timezone.setCurrentText(contest.timezone)
        self.timezone.blockSignals(False)
        self.title.setText(contest.title)
        self.organizer.setText(contest.organizer)
        self.start.set_moment(contest.start_at, contest.timezone)
        self.end.set_moment(contest.end_at, contest.timezone)
        self.language.setCurrentIndex(max(0, self.language.findData(contest.language)))
        self.networks.set_selected(list(contest.networks or []))
        self.prizes.set_prizes(list(contest.prizes or []))
        for code, box in self.mechanics.items():
            box.setChecked(code in (contest.mechanics or []))
        self.hashtag.setText(contest.hashtag)
        self.question.setText(contest.question)
        rules = contest.eligibility or {}
        self.min_age.setValue(int(rules.get("min_age") or 0))
        self.countries.setText(", ".join(rules.get("countries") or []))
        self.one_entry.setChecked(bool(rules.get("one_entry_per_person", True)))
        self.excluded.setText(", ".join("@" + h.lstrip("@") for h in rules.get("excluded") or []))
        self.winners.setValue(contest.winners_count)
        self.alternates.setValue(contest.alternates_count)
        local = retention.astimezone(zone(contest.timezone)).date()
        self.retention.setDate(QDate(local.year, local.month, local.day))
        purged = contest.status == "purged"
        self.purge_button.setEnabled(bool(contest.entries) and not purged)
        if purged:
            self.retention_note.setText(self.tr("The entrants’ data has been deleted."))
        elif purge_due:
            self.retention_note.setText(self.tr("⚠ The retention date has passed: purge the entrants’ data."))
        else:
            self.retention_note.setText("")
        self.retention_note.setVisible(bool(self.retention_note.text()))
        drawn = bool(contest.draws)
        for widget in (self.start, self.end, self.timezone, self.winners, self.alternates):
            widget.setEnabled(not drawn)

    def fields(self) -> ContestFields:
        tz = self.timezone.currentText().strip() or "UTC"
        day = self.retention.date()
        retention = datetime.combine(
            datetime(day.year(), day.month(), day.day()).date(), time(0, 0), tzinfo=zone(tz)
        ).astimezone(UTC)
        return ContestFields(
            title=self.title.text(),
            start_at=self.start.moment(),
            end_at=self.end.moment(),
            timezone=tz,
            organizer=self.organizer.text(),
            networks=self.networks.selected(),
            prizes=self.prizes.prizes(),
            mechanics=[code for code, box in self.mechanics.items() if box.isChecked()],
            hashtag=self.hashtag.text(),
            question=self.question.text(),
            eligibility={
                "min_age": self.min_age.value() or None,
                "countries": [c.upper() for c in _split(self.countries.text())],
                "one_entry_per_person": self.one_entry.isChecked(),
                "excluded": [h.lstrip("@") for h in _split(self.excluded.text())],
            },
            language=str(self.language.currentData()),
            winners_count=self.winners.value(),
            alternates_count=self.alternates.value(),
            retention_until=retention,
        )
