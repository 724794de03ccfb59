<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name />
    <message>
        <source>Calendar</source>
        <comment>On a fixed date</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Easter Sunday</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Shrove Tuesday (47 days before Easter)</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Black Friday (day after US Thanksgiving)</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Cyber Monday (Monday after Black Friday)</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Mother’s Day in France</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Father’s Day in France (third Sunday of June)</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Grandmothers’ Day in France (first Sunday of March)</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Start of the French winter sales</comment>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <comment>Start of the French summer sales</comment>
        <translation>Calendrier</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About CM Studio</source>
        <translation>À propos de CM Studio</translation>
    </message>
    <message>
        <source>Write once, publish everywhere, exactly.</source>
        <translation>Écrire une fois, publier partout, exactement.</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Copier les diagnostics</translation>
    </message>
    <message>
        <source>Copy versions and file locations for a support request. No password or token is included.</source>
        <translation>Copier les versions et l’emplacement des fichiers pour une demande d’assistance. Aucun mot de passe ni jeton n’y figure.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Qt version</source>
        <translation>Version de Qt</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Fichier journal</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnostics copiés dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Edit account</source>
        <translation>Modifier le compte</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Ajouter un compte</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connecteur</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nom du compte</translation>
    </message>
    <message>
        <source>e.g. Brasserie on Mastodon</source>
        <translation>p. ex. Brasserie sur Mastodon</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Stored in the system keyring — leave empty to keep it</source>
        <translation>Rangé dans le trousseau système — laissez vide pour le garder</translation>
    </message>
    <message>
        <source>Stored in the system keyring</source>
        <translation>Rangé dans le trousseau système</translation>
    </message>
</context>
<context>
    <name>AgendaList</name>
    <message>
        <source>Agenda list</source>
        <translation>Liste de l’agenda</translation>
    </message>
</context>
<context>
    <name>AltTextDialog</name>
    <message>
        <source>Describe the image</source>
        <translation>Décrire l’image</translation>
    </message>
    <message>
        <source>Alternative text is read aloud to people who cannot see the image, and shown when it does not load. Say what it shows and why it matters.</source>
        <translation>Le texte alternatif est lu aux personnes qui ne voient pas l’image, et affiché quand elle ne se charge pas. Dites ce qu’elle montre et pourquoi elle compte.</translation>
    </message>
    <message>
        <source>Alternative text</source>
        <translation>Texte alternatif</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>Search articles</source>
        <translation>Rechercher dans les articles</translation>
    </message>
    <message>
        <source>Search titles and text</source>
        <translation>Rechercher dans les titres et le texte</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>New article (Ctrl+N)</source>
        <translation>Nouvel article (Ctrl+N)</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrer par statut</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtrer par étiquette</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <source>Filter by language</source>
        <translation>Filtrer par langue</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <source>Sort articles</source>
        <translation>Trier les articles</translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation>Date de publication</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>Show the articles in the trash</source>
        <translation>Afficher les articles de la corbeille</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
</context>
<context>
    <name>Articles</name>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Espagnol</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Allemand</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italien</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugais</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Néerlandais</translation>
    </message>
</context>
<context>
    <name>ArticlesView</name>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>bold text</source>
        <translation>texte en gras</translation>
    </message>
    <message>
        <source>italic text</source>
        <translation>texte en italique</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Modification en cours…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>%1 words · %2 characters · %3 min read</source>
        <translation>%1 mots · %2 signes · %3 min de lecture</translation>
    </message>
</context>
<context>
    <name>BacklogPanel</name>
    <message>
        <source>Unscheduled</source>
        <translation>Non programmé</translation>
    </message>
    <message>
        <source>Drag onto the calendar to schedule.</source>
        <translation>Glissez sur le calendrier pour programmer.</translation>
    </message>
    <message>
        <source>Unscheduled articles and posts</source>
        <translation>Articles et publications non programmés</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Ajouter à la file</translation>
    </message>
    <message>
        <source>Put the selected post in the next free slot of its account</source>
        <translation>Placer la publication sélectionnée dans le prochain créneau libre de son compte</translation>
    </message>
</context>
<context>
    <name>BackupRunner</name>
    <message>
        <source>Automatic backup saved: %1</source>
        <translation>Sauvegarde automatique enregistrée : %1</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>La sauvegarde automatique a échoué : %1</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Contest phase</source>
        <translation>Phase de concours</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Reference day</source>
        <translation>Jour de référence</translation>
    </message>
    <message>
        <source>Campaign: %1</source>
        <translation>Campagne : %1</translation>
    </message>
    <message>
        <source>Too close to another post on the same account.</source>
        <translation>Trop proche d’une autre publication sur le même compte.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
</context>
<context>
    <name>CalendarActions</name>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Colour by network</source>
        <translation>Couleur par réseau</translation>
    </message>
    <message>
        <source>Show holidays and marketing days</source>
        <translation>Afficher les jours fériés et les journées marketing</translation>
    </message>
    <message>
        <source>Add selected post to queue</source>
        <translation>Ajouter la publication sélectionnée à la file</translation>
    </message>
    <message>
        <source>Repeat selected post…</source>
        <translation>Répéter la publication sélectionnée…</translation>
    </message>
    <message>
        <source>Import reference calendar (.ics)…</source>
        <translation>Importer un calendrier de référence (.ics)…</translation>
    </message>
    <message>
        <source>Export calendar (.ics)…</source>
        <translation>Exporter le calendrier (.ics)…</translation>
    </message>
    <message>
        <source>Copy subscription file path</source>
        <translation>Copier le chemin du fichier d’abonnement</translation>
    </message>
    <message>
        <source>Edit marketing days…</source>
        <translation>Modifier les journées marketing…</translation>
    </message>
    <message>
        <source>Select a post first.</source>
        <translation>Sélectionnez d’abord une publication.</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Ajouter à la file</translation>
    </message>
    <message>
        <source>Queued for %1.</source>
        <translation>Ajoutée à la file pour le %1.</translation>
    </message>
    <message>
        <source>Select a scheduled post first.</source>
        <translation>Sélectionnez d’abord une publication programmée.</translation>
    </message>
    <message>
        <source>Cannot repeat this post</source>
        <translation>Impossible de répéter cette publication</translation>
    </message>
    <message>
        <source>%1 occurrences created.</source>
        <translation>%1 occurrences créées.</translation>
    </message>
    <message>
        <source>Import a calendar</source>
        <translation>Importer un calendrier</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics);;All files (*)</source>
        <translation>Fichiers iCalendar (*.ics);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Échec de l’import</translation>
    </message>
    <message>
        <source>%1 reference events imported from %2.</source>
        <translation>%1 événements de référence importés depuis %2.</translation>
    </message>
    <message>
        <source>Export the calendar</source>
        <translation>Exporter le calendrier</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Fichiers iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Calendar exported to %1.</source>
        <translation>Calendrier exporté vers %1.</translation>
    </message>
    <message>
        <source>Subscription address copied: %1</source>
        <translation>Adresse d’abonnement copiée : %1</translation>
    </message>
    <message>
        <source>Add an account first, in the publishing settings.</source>
        <translation>Ajoutez d’abord un compte dans les réglages de publication.</translation>
    </message>
    <message>
        <source>Cannot read the posting slots</source>
        <translation>Impossible de lire les créneaux de publication</translation>
    </message>
    <message>
        <source>%1 posting slots saved for %2.</source>
        <translation>%1 créneaux de publication enregistrés pour %2.</translation>
    </message>
    <message>
        <source>Marketing days not saved</source>
        <translation>Journées marketing non enregistrées</translation>
    </message>
    <message>
        <source>The default marketing days are back.</source>
        <translation>Les journées marketing par défaut sont rétablies.</translation>
    </message>
    <message>
        <source>%1 marketing days saved.</source>
        <translation>%1 journées marketing enregistrées.</translation>
    </message>
</context>
<context>
    <name>CalendarToolbar</name>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Go to today (Ctrl+T)</source>
        <translation>Aller à aujourd’hui (Ctrl+T)</translation>
    </message>
    <message>
        <source>Previous period (Page Up)</source>
        <translation>Période précédente (Page précédente)</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Next period (Page Down)</source>
        <translation>Période suivante (Page suivante)</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Aller à la date</translation>
    </message>
    <message>
        <source>Agenda period</source>
        <translation>Période de l’agenda</translation>
    </message>
    <message>
        <source>One month</source>
        <translation>Un mois</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>Toute l’année</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>More calendar actions</source>
        <translation>Autres actions du calendrier</translation>
    </message>
    <message>
        <source>No campaign</source>
        <translation>Sans campagne</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>Filtres (%1)</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>Editorial calendar</source>
        <translation>Calendrier éditorial</translation>
    </message>
    <message>
        <source>⚠ %1 posts too close together</source>
        <translation>⚠ %1 publications trop rapprochées</translation>
    </message>
    <message>
        <source>Posts on the same account less than %1 minutes apart</source>
        <translation>Publications sur le même compte à moins de %1 minutes d’intervalle</translation>
    </message>
</context>
<context>
    <name>ContestForm</name>
    <message>
        <source>Contest title</source>
        <translation>Titre du jeu-concours</translation>
    </message>
    <message>
        <source>Company or person running the contest</source>
        <translation>Société ou personne qui organise le jeu</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
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
        <source>Like</source>
        <translation>Aimer</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commenter</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Partager</translation>
    </message>
    <message>
        <source>Tag friends</source>
        <translation>Identifier des amis</translation>
    </message>
    <message>
        <source>Use the hashtag</source>
        <translation>Utiliser le hashtag</translation>
    </message>
    <message>
        <source>Answer the question</source>
        <translation>Répondre à la question</translation>
    </message>
    <message>
        <source>Fill in a form</source>
        <translation>Remplir un formulaire</translation>
    </message>
    <message>
        <source>Question entrants answer in their comment</source>
        <translation>Question à laquelle les participants répondent en commentaire</translation>
    </message>
    <message>
        <source>no minimum</source>
        <translation>pas de minimum</translation>
    </message>
    <message>
        <source>FR, BE, CH (empty: any country)</source>
        <translation>FR, BE, CH (vide : tous pays)</translation>
    </message>
    <message>
        <source>One entry per person</source>
        <translation>Une participation par personne</translation>
    </message>
    <message>
        <source>Staff and partners: @handle, @handle</source>
        <translation>Équipe et partenaires : @pseudo, @pseudo</translation>
    </message>
    <message>
        <source>Purge entrants’ data…</source>
        <translation>Purger les données des participants…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Contest</source>
        <translation>Jeu-concours</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organisateur</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Rules language</source>
        <translation>Langue du règlement</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <source>Prizes</source>
        <translation>Dotations</translation>
    </message>
    <message>
        <source>How to enter</source>
        <translation>Comment participer</translation>
    </message>
    <message>
        <source>Hashtag</source>
        <translation>Hashtag</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Who may enter</source>
        <translation>Qui peut participer</translation>
    </message>
    <message>
        <source>Minimum age</source>
        <translation>Âge minimum</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Excluded people</source>
        <translation>Personnes exclues</translation>
    </message>
    <message>
        <source>alternates</source>
        <translation>suppléants</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>Gagnants</translation>
    </message>
    <message>
        <source>Personal data (GDPR)</source>
        <translation>Données personnelles (RGPD)</translation>
    </message>
    <message>
        <source>Delete entrants’ data on</source>
        <translation>Supprimer les données des participants le</translation>
    </message>
    <message>
        <source>The rules state this date; the studio reminds you when it is reached.</source>
        <translation>Le règlement indique cette date ; le studio vous prévient quand elle est atteinte.</translation>
    </message>
    <message>
        <source>The entrants’ data has been deleted.</source>
        <translation>Les données des participants ont été supprimées.</translation>
    </message>
    <message>
        <source>⚠ The retention date has passed: purge the entrants’ data.</source>
        <translation>⚠ La date de conservation est dépassée : purgez les données des participants.</translation>
    </message>
</context>
<context>
    <name>ContestPage</name>
    <message>
        <source>Generate phases</source>
        <translation>Générer les phases</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règlement</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Tirage</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Draw prepared</source>
        <translation>Tirage préparé</translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation>Tiré au sort</translation>
    </message>
    <message>
        <source>Data purged</source>
        <translation>Données purgées</translation>
    </message>
    <message>
        <source>Save contest</source>
        <translation>Enregistrer le jeu-concours</translation>
    </message>
    <message>
        <source>Contest dates changed</source>
        <translation>Dates du jeu modifiées</translation>
    </message>
    <message>
        <source>Move the phases and their posts with the new dates?</source>
        <translation>Déplacer les phases et leurs posts selon les nouvelles dates ?</translation>
    </message>
    <message>
        <source>Contest saved.</source>
        <translation>Jeu-concours enregistré.</translation>
    </message>
    <message>
        <source>Replace the phases and their draft posts with new ones from the template? Scheduled and published posts are kept.</source>
        <translation>Remplacer les phases et leurs brouillons par de nouvelles phases issues du modèle ? Les posts programmés et publiés sont conservés.</translation>
    </message>
    <message>
        <source>Purge entrants’ data</source>
        <translation>Purger les données des participants</translation>
    </message>
    <message>
        <source>Delete every entry of this contest for good? The draw record (seed, fingerprint, winners) is kept as proof.</source>
        <translation>Supprimer définitivement toutes les participations de ce jeu ? Le procès-verbal du tirage (graine, empreinte, gagnants) est conservé comme preuve.</translation>
    </message>
    <message>
        <source>Entrants’ data deleted: %1 entries.</source>
        <translation>Données des participants supprimées : %1 participations.</translation>
    </message>
    <message>
        <source>Delete contest</source>
        <translation>Supprimer le jeu-concours</translation>
    </message>
    <message>
        <source>Delete this contest, its phases, draft posts, entries and draw?</source>
        <translation>Supprimer ce jeu-concours, ses phases, ses brouillons, ses participations et son tirage ?</translation>
    </message>
</context>
<context>
    <name>ContestsView</name>
    <message>
        <source>Contest and event planner</source>
        <translation>Planificateur de jeux-concours et d’événements</translation>
    </message>
    <message>
        <source>Contests and events</source>
        <translation>Jeux-concours et événements</translation>
    </message>
    <message>
        <source>New contest</source>
        <translation>Nouveau jeu</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>Nouvel événement</translation>
    </message>
    <message>
        <source>Plan a contest from teaser to winners, or an event with its countdown.
Create one with the buttons on the left.</source>
        <translation>Planifiez un jeu-concours du teaser aux gagnants, ou un événement avec son compte à rebours.
Créez-en un avec les boutons à gauche.</translation>
    </message>
    <message>
        <source>Contests &amp; events</source>
        <translation>Concours et événements</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Contests</source>
        <translation>Jeux-concours</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
</context>
<context>
    <name>CropCanvas</name>
    <message>
        <source>Crop frame</source>
        <translation>Cadre de recadrage</translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation>Chargement de l’image…</translation>
    </message>
</context>
<context>
    <name>CropStudio</name>
    <message>
        <source>Crop studio</source>
        <translation>Studio de recadrage</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Alternative text</source>
        <translation>Texte alternatif</translation>
    </message>
    <message>
        <source>Describe the image for people who cannot see it…</source>
        <translation>Décrivez l’image pour les personnes qui ne la voient pas…</translation>
    </message>
    <message>
        <source>No focal point yet: frames sit on the most detailed area. Click the image to set one.</source>
        <translation>Pas encore de point focal : les cadres se placent sur la zone la plus détaillée. Cliquez sur l’image pour en choisir un.</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>Texte alternatif</translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <source>Select a variant to crop its images.</source>
        <translation>Sélectionnez une déclinaison pour recadrer ses images.</translation>
    </message>
    <message>
        <source>Images for %1</source>
        <translation>Images pour %1</translation>
    </message>
    <message>
        <source>This variant has no image.</source>
        <translation>Cette déclinaison n’a pas d’image.</translation>
    </message>
    <message>
        <source>%1 posts carry no image.</source>
        <translation>Les publications %1 ne portent pas d’image.</translation>
    </message>
    <message>
        <source>Crop to %1 (%2 × %3 px)</source>
        <translation>Recadrer en %1 (%2 × %3 px)</translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation>Chargement de l’image…</translation>
    </message>
    <message>
        <source>No alt-text field on this network</source>
        <translation>Pas de champ de texte alternatif sur ce réseau</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Preparing the %1 rendition…</source>
        <translation>Préparation du rendu %1…</translation>
    </message>
    <message>
        <source>%1 × %2 px · %3 · %4 of %5 %6</source>
        <translation>%1 × %2 px · %3 · %4 sur %5 %6</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>Update from the article</source>
        <translation>Mettre à jour depuis l’article</translation>
    </message>
    <message>
        <source>Changes the article brings to the %1 post:</source>
        <translation>Modifications que l’article apporte à la publication %1 :</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>Appliquer les modifications</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Tirage</translation>
    </message>
    <message>
        <source>Prepare the draw</source>
        <translation>Préparer le tirage</translation>
    </message>
    <message>
        <source>Draw now</source>
        <translation>Tirer au sort</translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation>Exporter le certificat…</translation>
    </message>
    <message>
        <source>Export list of entries…</source>
        <translation>Exporter la liste des participations…</translation>
    </message>
    <message>
        <source>Copy the commitment to publish it in the launch post</source>
        <translation>Copier l’engagement pour le publier dans le post de lancement</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>Copy the seed for the announcement</source>
        <translation>Copier la graine pour l’annonce</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>Copier l’empreinte</translation>
    </message>
    <message>
        <source>Copy the command line</source>
        <translation>Copier la ligne de commande</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>Gagnants</translation>
    </message>
    <message>
        <source>Alternates</source>
        <translation>Suppléants</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithme</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Verifiable draw</source>
        <translation>Tirage vérifiable</translation>
    </message>
    <message>
        <source>Prepare the draw before the contest opens and publish the commitment in the launch post. The draw ranks the eligible entries by HMAC-SHA256 of the secret seed; revealing the seed afterwards lets anyone check the result.</source>
        <translation>Préparez le tirage avant l’ouverture du jeu et publiez l’engagement dans le post de lancement. Le tirage classe les participations éligibles par HMAC-SHA256 de la graine secrète ; révéler la graine ensuite permet à chacun de vérifier le résultat.</translation>
    </message>
    <message>
        <source>Commitment (SHA-256 of the seed)</source>
        <translation>Engagement (SHA-256 de la graine)</translation>
    </message>
    <message>
        <source>Not prepared yet.</source>
        <translation>Pas encore préparé.</translation>
    </message>
    <message>
        <source>Ready: %1 eligible entries for %2 winner(s) and %3 alternate(s).</source>
        <translation>Prêt : %1 participations éligibles pour %2 gagnant(s) et %3 suppléant(s).</translation>
    </message>
    <message>
        <source>Drawn on %1 among %2 eligible entries.</source>
        <translation>Tiré au sort le %1 parmi %2 participations éligibles.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Commitment copied: publish it in the launch post.</source>
        <translation>Engagement copié : publiez-le dans le post de lancement.</translation>
    </message>
    <message>
        <source>Draw the winners now? The result is final and the entries can no longer change.</source>
        <translation>Tirer les gagnants maintenant ? Le résultat est définitif et les participations ne pourront plus changer.</translation>
    </message>
    <message>
        <source>Export the draw certificate</source>
        <translation>Exporter le certificat de tirage</translation>
    </message>
    <message>
        <source>draw-certificate.pdf</source>
        <translation>certificat-tirage.pdf</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Certificate written to %1</source>
        <translation>Certificat enregistré dans %1</translation>
    </message>
    <message>
        <source>Export the list of entries</source>
        <translation>Exporter la liste des participations</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>Texte (*.txt)</translation>
    </message>
    <message>
        <source>List written to %1</source>
        <translation>Liste enregistrée dans %1</translation>
    </message>
</context>
<context>
    <name>DropHandling</name>
    <message>
        <source>“%1” is published or read-only and cannot be moved.</source>
        <translation>« %1 » est publié ou en lecture seule et ne peut pas être déplacé.</translation>
    </message>
    <message>
        <source>Duplicate %1 item(s)</source>
        <translation>Dupliquer %1 élément(s)</translation>
    </message>
    <message>
        <source>Move %1 item(s)</source>
        <translation>Déplacer %1 élément(s)</translation>
    </message>
    <message>
        <source>Schedule in the past?</source>
        <translation>Programmer dans le passé ?</translation>
    </message>
    <message>
        <source>“%1” would be scheduled before now. Schedule it anyway?</source>
        <translation>« %1 » serait programmé avant maintenant. Le programmer quand même ?</translation>
    </message>
</context>
<context>
    <name>EditorActions</name>
    <message>
        <source>Focus mode</source>
        <translation>Mode concentration</translation>
    </message>
    <message>
        <source>Hide the list and the side panel</source>
        <translation>Masquer la liste et le panneau latéral</translation>
    </message>
    <message>
        <source>French typography in preview and export</source>
        <translation>Typographie française dans l’aperçu et l’export</translation>
    </message>
    <message>
        <source>Add no-break spaces before ; : ! ? and inside « » without changing the text</source>
        <translation>Ajoute les espaces insécables avant ; : ! ? et à l’intérieur des « » sans modifier le texte</translation>
    </message>
    <message>
        <source>Check spelling</source>
        <translation>Vérifier l’orthographe</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Italique</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Heading 1</source>
        <translation>Titre 1</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>Titre 2</translation>
    </message>
    <message>
        <source>Heading 3</source>
        <translation>Titre 3</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>Liste à puces</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>Liste numérotée</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Citation</translation>
    </message>
    <message>
        <source>Insert image…</source>
        <translation>Insérer une image…</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Remplacer…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Historique…</translation>
    </message>
    <message>
        <source>Revisions of this article</source>
        <translation>Versions de cet article</translation>
    </message>
    <message>
        <source>Keep a revision now</source>
        <translation>Garder une version maintenant</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>Nouvel article</translation>
    </message>
    <message>
        <source>Import Markdown…</source>
        <translation>Importer du Markdown…</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <source>Export as HTML…</source>
        <translation>Exporter en HTML…</translation>
    </message>
    <message>
        <source>Formatting</source>
        <translation>Mise en forme</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Plus</translation>
    </message>
    <message>
        <source>More commands</source>
        <translation>Plus de commandes</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Toute la journée</translation>
    </message>
</context>
<context>
    <name>EntriesPanel</name>
    <message>
        <source>Entries</source>
        <translation>Participations</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importer un CSV…</translation>
    </message>
    <message>
        <source>Paste handles…</source>
        <translation>Coller des pseudos…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <source>Show entries</source>
        <translation>Afficher les participations</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Éligible</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Exclue</translation>
    </message>
    <message>
        <source>Entries table</source>
        <translation>Tableau des participations</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>Pseudo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>%1 entries · %2 eligible · %3 excluded</source>
        <translation>%1 participations · %2 éligibles · %3 exclues</translation>
    </message>
    <message>
        <source>Import entries</source>
        <translation>Importer des participations</translation>
    </message>
    <message>
        <source>Entries (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Participations (*.csv *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Impossible de lire le fichier : %1</translation>
    </message>
    <message>
        <source>Choose the handle column</source>
        <translation>Choisir la colonne des pseudos</translation>
    </message>
    <message>
        <source>Which column holds the entrants’ handles?</source>
        <translation>Quelle colonne contient les pseudos des participants ?</translation>
    </message>
    <message>
        <source>Imported %1 new entries; %2 duplicates removed.</source>
        <translation>%1 nouvelles participations importées ; %2 doublons retirés.</translation>
    </message>
    <message>
        <source>Rows not read:</source>
        <translation>Lignes non lues :</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <source>Clear entries</source>
        <translation>Vider les participations</translation>
    </message>
    <message>
        <source>Remove all the entries of this contest?</source>
        <translation>Supprimer toutes les participations de ce jeu ?</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <source>Event title</source>
        <translation>Titre de l’événement</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Lancement</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Webinaire</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Trade show</source>
        <translation>Salon</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
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
        <source>Address, venue or stand</source>
        <translation>Adresse, lieu ou stand</translation>
    </message>
    <message>
        <source>Replay link, for the thank-you post</source>
        <translation>Lien du replay, pour le post de remerciement</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Create countdown posts</source>
        <translation>Créer les posts du compte à rebours</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
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
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Countdown posts</source>
        <translation>Posts du compte à rebours</translation>
    </message>
    <message>
        <source>One week before, the day before, the day itself, then thanks and replay: a draft post per network, placed on the calendar.</source>
        <translation>Une semaine avant, la veille, le jour J, puis remerciements et replay : un brouillon par réseau, placé dans le calendrier.</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <source>Hashtag</source>
        <translation>Hashtag</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Replay</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <source>Create countdown posts</source>
        <translation>Créer les posts du compte à rebours</translation>
    </message>
    <message>
        <source>Save event</source>
        <translation>Enregistrer l’événement</translation>
    </message>
    <message>
        <source>Event saved.</source>
        <translation>Événement enregistré.</translation>
    </message>
    <message>
        <source>Replace the countdown and its draft posts? Scheduled and published posts are kept.</source>
        <translation>Remplacer le compte à rebours et ses brouillons ? Les posts programmés et publiés sont conservés.</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>Supprimer l’événement</translation>
    </message>
    <message>
        <source>Delete this event and its draft countdown posts?</source>
        <translation>Supprimer cet événement et les brouillons de son compte à rebours ?</translation>
    </message>
</context>
<context>
    <name>FileOps</name>
    <message>
        <source>Import Markdown files</source>
        <translation>Importer des fichiers Markdown</translation>
    </message>
    <message>
        <source>Markdown files</source>
        <translation>Fichiers Markdown</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) imported</source>
        <translation>
            <numerusform>%n article(s) importé(s)</numerusform>
            <numerusform>%n article(s) importé(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files were not imported</source>
        <translation>Certains fichiers n’ont pas été importés</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>Exporter en Markdown</translation>
    </message>
    <message>
        <source>Export as HTML</source>
        <translation>Exporter en HTML</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>Page web</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exporté vers %1</translation>
    </message>
    <message>
        <source>Insert images</source>
        <translation>Insérer des images</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Image not added</source>
        <translation>Image non ajoutée</translation>
    </message>
    <message>
        <source>“%1” added to the workspace dictionary</source>
        <translation>« %1 » ajouté au dictionnaire de l’espace de travail</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>Supprimer définitivement…</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Vider la corbeille…</translation>
    </message>
    <message>
        <source>Moved to the trash; it can be restored from there.</source>
        <translation>Mis à la corbeille ; vous pouvez l’y restaurer.</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Supprimer définitivement</translation>
    </message>
    <message>
        <source>Delete this article and its history for good? This cannot be undone.</source>
        <translation>Supprimer définitivement cet article et son historique ? Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Vider la corbeille</translation>
    </message>
    <message>
        <source>Delete every article in the trash for good? This cannot be undone.</source>
        <translation>Supprimer définitivement tous les articles de la corbeille ? Cette action est irréversible.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Remplacer par</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Respecter la casse</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Tout remplacer</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n occurrence(s)</numerusform>
            <numerusform>%n occurrence(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>This revision is the same as the current text.</source>
        <translation>Cette version est identique au texte actuel.</translation>
    </message>
    <message>
        <source>Editing session</source>
        <translation>Session d’écriture</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Duplicated</source>
        <translation>Dupliqué</translation>
    </message>
    <message>
        <source>Saved by hand</source>
        <translation>Enregistré à la main</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Avant une restauration</translation>
    </message>
    <message>
        <source>On closing</source>
        <translation>À la fermeture</translation>
    </message>
    <message>
        <source>Article history</source>
        <translation>Historique de l’article</translation>
    </message>
    <message>
        <source>Each revision is compared with the current text. Restoring can be undone.</source>
        <translation>Chaque version est comparée au texte actuel. Une restauration peut être annulée.</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation>Restaurer cette version</translation>
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
    <name>MarkdownEditor</name>
    <message>
        <source>Article text</source>
        <translation>Texte de l’article</translation>
    </message>
    <message>
        <source>Start writing… Markdown works: # title, **bold**, *italic*, [link](url)</source>
        <translation>Commencez à écrire… Le Markdown fonctionne : # titre, **gras**, *italique*, [lien](url)</translation>
    </message>
    <message>
        <source>link text</source>
        <translation>texte du lien</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>Aucune suggestion</translation>
    </message>
    <message>
        <source>Add “%1” to dictionary</source>
        <translation>Ajouter « %1 » au dictionnaire</translation>
    </message>
    <message>
        <source>Ignore “%1”</source>
        <translation>Ignorer « %1 »</translation>
    </message>
</context>
<context>
    <name>MarketingDaysDialog</name>
    <message>
        <source>Marketing days</source>
        <translation>Journées marketing</translation>
    </message>
    <message>
        <source>Days worth planning for, shown on the calendar beside the public holidays. Each has a French and an English name, and falls on a fixed date or follows a rule.</source>
        <translation>Les journées à ne pas manquer, affichées dans le calendrier à côté des jours fériés. Chacune a un nom en français et en anglais, et tombe à date fixe ou suit une règle.</translation>
    </message>
    <message>
        <source>French name</source>
        <translation>Nom français</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>Nom anglais</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Add a day</source>
        <translation>Ajouter une journée</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Restore the default list</source>
        <translation>Rétablir la liste par défaut</translation>
    </message>
    <message>
        <source>Forget this workspace’s changes and use the list shipped with CM Studio</source>
        <translation>Oublier les modifications de cet espace de travail et reprendre la liste fournie avec CM Studio</translation>
    </message>
    <message>
        <source>Line %1: give the day both a French and an English name.</source>
        <translation>Ligne %1 : donnez à la journée un nom français et un nom anglais.</translation>
    </message>
    <message>
        <source>Line %1: day %2 does not exist in month %3.</source>
        <translation>Ligne %1 : le jour %2 n’existe pas dans le mois %3.</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <source>Article details</source>
        <translation>Détails de l’article</translation>
    </message>
    <message>
        <source>Status and language</source>
        <translation>Statut et langue</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Derive the slug from the title again</source>
        <translation>Recalculer le slug à partir du titre</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>Extrait</translation>
    </message>
    <message>
        <source>A sentence or two that sums the article up for search engines</source>
        <translation>Une ou deux phrases qui résument l’article pour les moteurs de recherche</translation>
    </message>
    <message>
        <source>Excerpt (meta description)</source>
        <translation>Extrait (méta-description)</translation>
    </message>
    <message>
        <source>comma, separated, tags</source>
        <translation>étiquettes, séparées, par des virgules</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <source>Canonical URL</source>
        <translation>URL canonique</translation>
    </message>
    <message>
        <source>Featured image</source>
        <translation>Image à la une</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Empty: search engines will pick a sentence themselves</source>
        <translation>Vide : les moteurs de recherche choisiront eux-mêmes une phrase</translation>
    </message>
    <message>
        <source>%1 characters — a little short (aim for about 155)</source>
        <translation>%1 caractères — un peu court (visez environ 155)</translation>
    </message>
    <message>
        <source>%1 / 155 characters — a good length</source>
        <translation>%1 / 155 caractères — bonne longueur</translation>
    </message>
    <message>
        <source>%1 / 155 characters — search results will cut it</source>
        <translation>%1 / 155 caractères — les moteurs de recherche le couperont</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>Month grid</source>
        <translation>Grille du mois</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 de plus</translation>
    </message>
</context>
<context>
    <name>NetworkChips</name>
    <message>
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <source>Instagram Story</source>
        <translation>Story Instagram</translation>
    </message>
    <message>
        <source>Telegram Photo</source>
        <translation>Photo Telegram</translation>
    </message>
</context>
<context>
    <name>NetworkPreview</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>more</source>
        <translation>plus</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <source>Paste handles</source>
        <translation>Coller des pseudos</translation>
    </message>
    <message>
        <source>One handle per line, or separated by commas: @marie, @julien…</source>
        <translation>Un pseudo par ligne, ou séparés par des virgules : @marie, @julien…</translation>
    </message>
    <message>
        <source>Handles of the entrants:</source>
        <translation>Pseudos des participants :</translation>
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <source>Post text</source>
        <translation>Texte de la publication</translation>
    </message>
    <message>
        <source>Write the post…</source>
        <translation>Rédigez la publication…</translation>
    </message>
    <message>
        <source>Remaining characters</source>
        <translation>Caractères restants</translation>
    </message>
    <message>
        <source>%1 of %2 characters used</source>
        <translation>%1 caractères utilisés sur %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 / %2 bytes</source>
        <translation>%1 / %2 octets</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
</context>
<context>
    <name>PrizesTable</name>
    <message>
        <source>Prizes</source>
        <translation>Dotations</translation>
    </message>
    <message>
        <source>Prize</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Value (€)</source>
        <translation>Valeur (€)</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Add prize</source>
        <translation>Ajouter un lot</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>PublishingView</name>
    <message>
        <source>Publishing</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Keep publishing when the window is closed</source>
        <translation>Continuer à publier quand la fenêtre est fermée</translation>
    </message>
    <message>
        <source>Publish due posts now</source>
        <translation>Publier maintenant ce qui est dû</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Ask the network whether this account can publish</source>
        <translation>Demander au réseau si ce compte peut publier</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
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
        <source>No publication yet. Schedule a post from the Variants section or with “cmstudio post”.</source>
        <translation>Aucune publication pour l’instant. Programmez une publication depuis la section Déclinaisons ou avec « cmstudio post ».</translation>
    </message>
    <message>
        <source>What was sent (secrets removed)</source>
        <translation>Ce qui a été envoyé (secrets retirés)</translation>
    </message>
    <message>
        <source>What was sent</source>
        <translation>Ce qui a été envoyé</translation>
    </message>
    <message>
        <source>Open on the network</source>
        <translation>Ouvrir sur le réseau</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Mark as published…</source>
        <translation>Marquer comme publiée…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <source>To post by hand</source>
        <translation>À publier à la main</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publiée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Needs checking</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Reconnect needed</source>
        <translation>À reconnecter</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Pas encore vérifié</translation>
    </message>
    <message>
        <source>Demo account</source>
        <translation>Compte de démonstration</translation>
    </message>
    <message>
        <source>%1 queued · %2 to look at</source>
        <translation>%1 en file · %2 à examiner</translation>
    </message>
    <message>
        <source>Select a publication to see what was sent.</source>
        <translation>Choisissez une publication pour voir ce qui a été envoyé.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n tentative(s)</numerusform>
            <numerusform>%n tentative(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing has been sent yet.</source>
        <translation>Rien n’a encore été envoyé.</translation>
    </message>
    <message>
        <source>Account saved.</source>
        <translation>Compte enregistré.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <source>Remove the account “%1” and its stored secrets?</source>
        <translation>Supprimer le compte « %1 » et ses secrets enregistrés ?</translation>
    </message>
    <message>
        <source>Publishing what is due…</source>
        <translation>Publication de ce qui est dû…</translation>
    </message>
    <message>
        <source>This desktop has no system tray: the studio publishes only while its window is open. Use “cmstudio publish-due” with a timer otherwise.</source>
        <translation>Ce bureau n’a pas de zone de notification : le studio ne publie que tant que sa fenêtre est ouverte. Sinon, utilisez « cmstudio publish-due » avec un minuteur.</translation>
    </message>
    <message>
        <source>Mark as published</source>
        <translation>Marquer comme publiée</translation>
    </message>
    <message>
        <source>Address of the post on the network (optional):</source>
        <translation>Adresse de la publication sur le réseau (facultatif) :</translation>
    </message>
    <message>
        <source>Text copied.</source>
        <translation>Texte copié.</translation>
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
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>Account whose queue is shown</source>
        <translation>Compte dont la file est affichée</translation>
    </message>
    <message>
        <source>Edit posting slots…</source>
        <translation>Modifier les créneaux…</translation>
    </message>
    <message>
        <source>Choose the days and times this account posts from its queue</source>
        <translation>Choisir les jours et heures de publication de la file de ce compte</translation>
    </message>
    <message>
        <source>Queue slots</source>
        <translation>Créneaux de la file</translation>
    </message>
    <message>
        <source>This account has no posting slots yet.</source>
        <translation>Ce compte n’a pas encore de créneaux de publication.</translation>
    </message>
    <message>
        <source>%1 free slots in the next two weeks</source>
        <translation>%1 créneaux libres dans les deux prochaines semaines</translation>
    </message>
</context>
<context>
    <name>QueueSlotsDialog</name>
    <message>
        <source>Posting slots</source>
        <translation>Créneaux de publication</translation>
    </message>
    <message>
        <source>Posts added to the queue of %1 take the next free slot.</source>
        <translation>Les publications ajoutées à la file de %1 prennent le prochain créneau libre.</translation>
    </message>
    <message>
        <source>Weekly posting slots</source>
        <translation>Créneaux de publication hebdomadaires</translation>
    </message>
    <message>
        <source>No slot yet: add the days and times you usually post.</source>
        <translation>Aucun créneau pour l’instant : ajoutez les jours et heures où vous publiez d’habitude.</translation>
    </message>
    <message>
        <source>Day of the week</source>
        <translation>Jour de la semaine</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add on every day</source>
        <translation>Ajouter chaque jour</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
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
    <name>RecurrenceDialog</name>
    <message>
        <source>Repeat post</source>
        <translation>Répéter la publication</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>semaines</translation>
    </message>
    <message>
        <source>months</source>
        <translation>mois</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Tous les</translation>
    </message>
    <message>
        <source>Number of times</source>
        <translation>Nombre de fois</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu’au</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Rules document</source>
        <translation>Règlement</translation>
    </message>
    <message>
        <source>Regenerate from the fields</source>
        <translation>Régénérer à partir des champs</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exporter en PDF…</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <source>Generated from the contest’s fields: review it before publishing. It is a sound starting point, not legal advice.</source>
        <translation>Généré à partir des champs du jeu : relisez-le avant de le publier. C’est une base solide, pas un conseil juridique.</translation>
    </message>
    <message>
        <source>Regenerate the rules</source>
        <translation>Régénérer le règlement</translation>
    </message>
    <message>
        <source>Replace the rules, and your edits, with a new document generated from the contest’s fields?</source>
        <translation>Remplacer le règlement, et vos modifications, par un nouveau document généré à partir des champs du jeu ?</translation>
    </message>
    <message>
        <source>Export the rules as PDF</source>
        <translation>Exporter le règlement en PDF</translation>
    </message>
    <message>
        <source>rules.pdf</source>
        <translation>reglement.pdf</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Rules written to %1</source>
        <translation>Règlement enregistré dans %1</translation>
    </message>
    <message>
        <source>Export the rules as Markdown</source>
        <translation>Exporter le règlement en Markdown</translation>
    </message>
    <message>
        <source>rules.md</source>
        <translation>reglement.md</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
</context>
<context>
    <name>SchedulerRunner</name>
    <message numerus="yes">
        <source>%n post(s) published.</source>
        <translation>
            <numerusform>%n publication(s) publiée(s).</numerusform>
            <numerusform>%n publication(s) publiée(s).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n publication(s) need your attention.</source>
        <translation>
            <numerusform>%n publication(s) demandent votre attention.</numerusform>
            <numerusform>%n publication(s) demandent votre attention.</numerusform>
        </translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>The publishing pass failed: %1</source>
        <translation>La passe de publication a échoué : %1</translation>
    </message>
    <message>
        <source>Time to post by hand</source>
        <translation>C’est l’heure de publier à la main</translation>
    </message>
    <message>
        <source>The text is in the clipboard and the images are in the folder that opened.</source>
        <translation>Le texte est dans le presse-papiers et les images dans le dossier qui vient de s’ouvrir.</translation>
    </message>
    <message>
        <source>CM Studio — publishing on schedule</source>
        <translation>CM Studio — publication à l’heure prévue</translation>
    </message>
    <message>
        <source>Open CM Studio</source>
        <translation>Ouvrir CM Studio</translation>
    </message>
    <message>
        <source>Publish due posts now</source>
        <translation>Publier maintenant ce qui est dû</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
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
        <source>Choose a logo…</source>
        <translation>Choisir un logo…</translation>
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
        <source>Logo</source>
        <translation>Logo</translation>
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
        <source>Workspace logo</source>
        <translation>Logo de l’espace de travail</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.heic *.gif)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.heic *.gif)</translation>
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
    <name>Status</name>
    <message>
        <source>Idea</source>
        <translation>Idée</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programmé</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publiée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
</context>
<context>
    <name>StudioSecrets</name>
    <message>
        <source>No system keyring</source>
        <translation>Aucun trousseau système</translation>
    </message>
    <message>
        <source>Keep the secrets in an encrypted file protected by a passphrase?</source>
        <translation>Ranger les secrets dans un fichier chiffré protégé par une phrase de passe ?</translation>
    </message>
    <message>
        <source>Encrypted secrets file</source>
        <translation>Fichier de secrets chiffré</translation>
    </message>
    <message>
        <source>Passphrase (it is never stored):</source>
        <translation>Phrase de passe (elle n’est jamais enregistrée) :</translation>
    </message>
</context>
<context>
    <name>ThreadPanel</name>
    <message>
        <source>Thread parts</source>
        <translation>Parties du fil</translation>
    </message>
    <message>
        <source>Click a word to start a part there · Alt+← / Alt+→ move a split</source>
        <translation>Cliquez sur un mot pour y commencer une partie · Alt+← / Alt+→ déplacent une coupure</translation>
    </message>
    <message>
        <source>Click a word to start a new part with it</source>
        <translation>Cliquez sur un mot pour commencer une nouvelle partie avec lui</translation>
    </message>
    <message>
        <source>◀ Word up</source>
        <translation>◀ Mot précédent</translation>
    </message>
    <message>
        <source>Move this split one word earlier (Alt+Left)</source>
        <translation>Avancer cette coupure d’un mot (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Move this split one word later (Alt+Right)</source>
        <translation>Reculer cette coupure d’un mot (Alt+Droite)</translation>
    </message>
    <message>
        <source>Word down ▶</source>
        <translation>Mot suivant ▶</translation>
    </message>
</context>
<context>
    <name>TimelineStrip</name>
    <message>
        <source>Phases timeline</source>
        <translation>Frise des phases</translation>
    </message>
    <message>
        <source>Drag a phase to move it with its posts; hold Shift for 15-minute steps. Ctrl+Left or Ctrl+Right moves the selected phase by one day.</source>
        <translation>Faites glisser une phase pour la déplacer avec ses posts ; Maj enfoncée, par pas de 15 minutes. Ctrl+Gauche ou Ctrl+Droite déplace la phase sélectionnée d’un jour.</translation>
    </message>
    <message>
        <source>No phases yet: use “Generate phases” to plan the posts.</source>
        <translation>Pas encore de phases : utilisez « Générer les phases » pour planifier les posts.</translation>
    </message>
    <message>
        <source>Posts: %1</source>
        <translation>Posts : %1</translation>
    </message>
</context>
<context>
    <name>VariantComposer</name>
    <message>
        <source>%1 variant</source>
        <translation>Déclinaison %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Split into thread</source>
        <translation>Découper en fil</translation>
    </message>
    <message>
        <source>Update from the article</source>
        <translation>Mettre à jour depuis l’article</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Content warning (optional)</source>
        <translation>Avertissement de contenu (facultatif)</translation>
    </message>
    <message>
        <source>Content warning</source>
        <translation>Avertissement de contenu</translation>
    </message>
    <message>
        <source>Pin title</source>
        <translation>Titre de l’épingle</translation>
    </message>
    <message>
        <source>Pin title length</source>
        <translation>Longueur du titre de l’épingle</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Single post</source>
        <translation>Publication unique</translation>
    </message>
    <message>
        <source>The text fits in one post</source>
        <translation>Le texte tient en une publication</translation>
    </message>
</context>
<context>
    <name>VariantsView</name>
    <message>
        <source>Variants</source>
        <translation>Déclinaisons</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Article</translation>
    </message>
    <message>
        <source>Generate drafts</source>
        <translation>Générer les brouillons</translation>
    </message>
    <message>
        <source>One draft per chosen network (Ctrl+G)</source>
        <translation>Un brouillon par réseau choisi (Ctrl+G)</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <source>Write an article first: its variants are drafted from it.</source>
        <translation>Écrivez d’abord un article : ses déclinaisons en sont tirées.</translation>
    </message>
    <message>
        <source>No variant yet. Choose networks above and click “Generate drafts”.</source>
        <translation>Aucune déclinaison pour l’instant. Choisissez des réseaux ci-dessus et cliquez sur « Générer les brouillons ».</translation>
    </message>
    <message>
        <source>Choose at least one network.</source>
        <translation>Choisissez au moins un réseau.</translation>
    </message>
    <message>
        <source>%1 drafts created.</source>
        <translation>%1 brouillons créés.</translation>
    </message>
    <message>
        <source>This variant already matches the article.</source>
        <translation>Cette déclinaison correspond déjà à l’article.</translation>
    </message>
</context>
<context>
    <name>WeekBody</name>
    <message>
        <source>Week grid, 15-minute slots</source>
        <translation>Grille de la semaine, créneaux de 15 minutes</translation>
    </message>
</context>
<context>
    <name>WeekHeader</name>
    <message>
        <source>Week days and all-day items</source>
        <translation>Jours de la semaine et éléments sur la journée</translation>
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
<context>
    <name>_Page</name>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Drag a phase to move it with its posts (whole days; hold Shift for 15-minute steps).</source>
        <translation>Faites glisser une phase pour la déplacer avec ses posts (par jours entiers ; Maj enfoncée : par pas de 15 minutes).</translation>
    </message>
    <message>
        <source>Move phase</source>
        <translation>Déplacer la phase</translation>
    </message>
    <message>
        <source>Phase moved with its posts (%1).</source>
        <translation>Phase déplacée avec ses posts (%1).</translation>
    </message>
</context>
</TS>