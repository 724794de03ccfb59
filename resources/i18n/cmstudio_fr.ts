<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About CM Studio</source>
        <translation>À propos de CM Studio</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Copier les diagnostics</translation>
    </message>
</context>
<context>
    <name>ArticlesView</name>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CM Studio main window</source>
        <translation>Fenêtre principale de CM Studio</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Current workspace</source>
        <translation>Espace de travail actuel</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Espace de travail</translation>
    </message>
    <message>
        <source>Workspace:</source>
        <translation>Espace de travail :</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Switch workspace…</source>
        <translation>Changer d’espace de travail…</translation>
    </message>
    <message>
        <source>New workspace…</source>
        <translation>Nouvel espace de travail…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>About CM Studio</source>
        <translation>À propos de CM Studio</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de données : %1</translation>
    </message>
</context>
<context>
    <name>NetworkChips</name>
    <message>
        <source>Networks</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NetworkPreview</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <source>Post text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the post…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remaining characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 characters used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 / %2 bytes</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PublishingView</name>
    <message>
        <source>Publishing</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Publication log</source>
        <translation>Journal des publications</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <source>Switch workspace</source>
        <translation>Changer d’espace de travail</translation>
    </message>
    <message>
        <source>Type a workspace name…</source>
        <translation>Tapez le nom d’un espace de travail…</translation>
    </message>
    <message>
        <source>Workspace name</source>
        <translation>Nom de l’espace de travail</translation>
    </message>
    <message>
        <source>Matching workspaces</source>
        <translation>Espaces de travail correspondants</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Déclinaisons</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Contests &amp; events</source>
        <translation>Concours et événements</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Espace de travail</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>One group per line: Name: #tag1 #tag2</source>
        <translation>Un groupe par ligne : Nom : #tag1 #tag2</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Hashtag groups</source>
        <translation>Groupes de hashtags</translation>
    </message>
    <message>
        <source>Link tracking (UTM)</source>
        <translation>Suivi des liens (UTM)</translation>
    </message>
    <message>
        <source>Minimum gap between posts</source>
        <translation>Écart minimal entre deux publications</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>Enregistrer l’espace de travail</translation>
    </message>
    <message>
        <source>Archive workspace</source>
        <translation>Archiver l’espace de travail</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>A new language applies the next time the studio starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage du studio.</translation>
    </message>
    <message>
        <source>Workspace colour</source>
        <translation>Couleur de l’espace de travail</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>ThreadPanel</name>
    <message>
        <source>Thread parts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>◀ Word up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move this split one word earlier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Word down ▶</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move this split one word later</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>VariantsView</name>
    <message>
        <source>Variants</source>
        <translation>Déclinaisons</translation>
    </message>
</context>
<context>
    <name>WorkspaceDialogs</name>
    <message>
        <source>New workspace</source>
        <translation>Nouvel espace de travail</translation>
    </message>
    <message>
        <source>Brand or client name:</source>
        <translation>Nom de la marque ou du client :</translation>
    </message>
</context>
</TS>