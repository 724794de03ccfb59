"""UI language: compiled Qt translations shipped in the package, chosen by system or settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
SUPPORTED = ("fr", "en")
_installed: list[QTranslator] = []


def system_language() -> str:
    name = QLocale.system().name().split("_")[0]
    return name if name in SUPPORTED else "en"


def resolve_language(setting: str | None) -> str:
    """'system' (or nothing) follows the system; otherwise a supported code."""
    if setting in SUPPORTED:
        return str(setting)
    return system_language()


def install_translators(app: QCoreApplication, language: str) -> str:
    """Load our catalogue and Qt's own for `language`; English is the source language."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English,
                               QLocale.Country.France if language == "fr" else QLocale.Country.UnitedKingdom))
    if language == "en":
        return language
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"cmstudio_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return language
