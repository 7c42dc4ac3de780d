"""French and English interface: the language lives in the URL (``?lang=fr``), numbers and dates
are written the way each language writes them (1 234,5 in French, 1,234.5 in English).

Pages call ``t("key")`` for their words and ``number`` / ``percent`` / ``points`` / ``date`` for
their values; a key missing from the table shows as itself, so a gap is visible, never a crash.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from i18n import locale

LANGUAGES = {"en": "English", "fr": "Français"}
NARROW_NBSP = locale.NARROW_NBSP

STRINGS: dict[str, dict[str, str]] = {
    # Shell and filters
    "language": {"en": "Language", "fr": "Langue"},
    "filters": {"en": "Filters", "fr": "Filtres"},
    "client": {"en": "Client", "fr": "Client"},
    "all_clients": {"en": "All clients", "fr": "Tous les clients"},
    "campaign": {"en": "Campaign", "fr": "Campagne"},
    "campaigns": {"en": "Campaigns", "fr": "Campagnes"},
    "dates": {"en": "Dates", "fr": "Dates"},
    "platforms": {"en": "Platforms", "fr": "Plateformes"},
    "creators": {"en": "Creators", "fr": "Créateurs"},
    "confidence": {"en": "Confidence", "fr": "Niveau de confiance"},
    "confidence_help": {
        "en": "Confidence level of every interval on the page (90 % is the industry's usual level).",
        "fr": "Niveau de confiance des intervalles de la page (90 % est le niveau usuel du secteur).",
    },
    "download_csv": {"en": "Download CSV", "fr": "Télécharger en CSV"},
    # Export of a view (ui/export.py)
    "export.title": {"en": "Export this view", "fr": "Exporter cette vue"},
    "export.pdf": {"en": "Download PDF", "fr": "Télécharger le PDF"},
    "export.pdf_help": {
        "en": "A PDF report of this view as shown: campaign, filters, numbers with their "
        "definitions, charts and tables.",
        "fr": "Un rapport PDF de cette vue telle qu'affichée : campagne, filtres, chiffres avec "
        "leurs définitions, graphiques et tableaux.",
    },
    "export.png": {"en": "Charts as PNG (zip)", "fr": "Graphiques en PNG (zip)"},
    "export.png_help": {
        "en": "Every chart of this view as a PNG image, in one zip file.",
        "fr": "Chaque graphique de cette vue en image PNG, dans un fichier zip.",
    },
    "export.no_images": {
        "en": "Charts cannot be drawn as images on this server: the PDF holds the numbers and "
        "tables without them.",
        "fr": "Les graphiques ne peuvent pas être dessinés en image sur ce serveur : le PDF "
        "contient les chiffres et les tableaux, sans eux.",
    },
    "export.no_font": {
        "en": "The PDF cannot be written on this server: no Unicode font is installed.",
        "fr": "Le PDF ne peut pas être produit sur ce serveur : aucune police Unicode n'est "
        "installée.",
    },
    "export.generated": {"en": "Generated", "fr": "Généré le"},
    "export.definitions": {"en": "Definitions", "fr": "Définitions"},
    "export.page": {"en": "Page {page} of {pages}", "fr": "Page {page} sur {pages}"},
    "export.rows_cut": {
        "en": "First {shown} of {total} rows; the table's CSV download holds them all.",
        "fr": "{shown} premières lignes sur {total} ; le CSV du tableau les contient toutes.",
    },
    "export.chart_missing": {"en": "Chart not drawn", "fr": "Graphique non dessiné"},
    "export.nothing": {
        "en": "This view shows no numbers, charts or tables.",
        "fr": "Cette vue n'affiche ni chiffres, ni graphiques, ni tableaux.",
    },
    "export.all_campaigns": {"en": "All campaigns", "fr": "Toutes les campagnes"},
    "export.all_dates": {"en": "Whole period", "fr": "Toute la période"},
    "export.all_platforms": {"en": "All platforms", "fr": "Toutes les plateformes"},
    "export.all_creators": {"en": "All creators", "fr": "Tous les créateurs"},
    # The client report (ui/export.py, export/pdf.py, export/pptx.py): sidebar, cover, appendix.
    "export.pptx": {"en": "Download PPTX", "fr": "Télécharger le PPTX"},
    "export.pptx_help": {
        "en": "The same report as editable slides (PowerPoint, Keynote, Google Slides): cover, "
        "one slide per section with its numbers and charts, and the methodology.",
        "fr": "Le même rapport en diapositives modifiables (PowerPoint, Keynote, Google Slides) : "
        "couverture, une diapositive par section avec ses chiffres et graphiques, et la "
        "méthodologie.",
    },
    "export.pages": {"en": "Pages in the report", "fr": "Pages du rapport"},
    "export.pages_help": {
        "en": "Pages opened in this session on the same campaigns, each as last shown.",
        "fr": "Pages ouvertes pendant cette session sur les mêmes campagnes, chacune telle "
        "qu'affichée en dernier.",
    },
    "rp.report": {"en": "Campaign report", "fr": "Rapport de campagne"},
    "rp.prepared_by": {"en": "Prepared by {agency}", "fr": "Préparé par {agency}"},
    "rp.dates_range": {"en": "{start} to {end}", "fr": "du {start} au {end}"},
    "rp.dates_from": {"en": "from {start}", "fr": "à partir du {start}"},
    "rp.dates_unknown": {"en": "dates not set", "fr": "dates non renseignées"},
    "rp.contents": {"en": "In this report", "fr": "Dans ce rapport"},
    "rp.no_verdict": {
        "en": "No targets are set for this campaign, so it has no verdict yet.",
        "fr": "Aucun objectif chiffré n'est fixé pour cette campagne : elle n'a pas encore de "
        "verdict.",
    },
    "rp.more_campaigns": {
        "en": "and {n} more campaigns, whose verdicts are on their own reports",
        "fr": "et {n} autres campagnes, dont les verdicts figurent dans leur propre rapport",
    },
    "rp.methodology": {"en": "Methodology", "fr": "Méthodologie"},
    "rp.reading": {"en": "Reading the verdict", "fr": "Lire le verdict"},
    "rp.reading_text": {
        "en": "Each target is graded on the range of its value. Met: the whole range is on the "
        "right side of the target. Missed: the whole range is on the wrong side. When a "
        "confidence interval straddles the target, the grade is the probability that the target "
        "is met, read off the same interval: likely met from 67%, unlikely below 33%, and too "
        "few answers to say in between. A value known only within hard bounds (unique reach, "
        "frequency) is met or missed only when both bounds agree. A lift also shows the "
        "probability that it is above zero.",
        "fr": "Chaque objectif est évalué sur l'intervalle de sa valeur. Atteint : tout "
        "l'intervalle est du bon côté de l'objectif. Manqué : tout l'intervalle est du mauvais "
        "côté. Quand un intervalle de confiance chevauche l'objectif, la note est la probabilité "
        "que l'objectif soit atteint, lue sur le même intervalle : probablement atteint à partir "
        "de 67 %, peu probable en dessous de 33 %, et trop peu de réponses pour conclure entre "
        "les deux. Une valeur connue seulement entre des bornes (couverture unique, répétition) "
        "n'est atteinte ou manquée que si les deux bornes concordent. Une hausse indique aussi "
        "la probabilité qu'elle soit au-dessus de zéro.",
    },
    "rp.words_text": {
        "en": "Probabilities are worded on the IPCC likelihood scale: almost certainly (99% or "
        "more), very likely (90% or more), likely (67% or more), as likely as not (33 to "
        "67%), unlikely (below 33%), very unlikely (below 10%), almost certainly not (below "
        "1%).",
        "fr": "Les probabilités sont formulées sur l'échelle de vraisemblance du GIEC : presque "
        "certainement (99 % ou plus), très probablement (90 % ou plus), probablement (67 % ou "
        "plus), peut-être (33 à 67 %), probablement pas (moins de 33 %), très probablement pas "
        "(moins de 10 %), presque certainement pas (moins de 1 %).",
    },
    "rp.definitions_text": {
        "en": "What each target of the campaign measures and how it is computed.",
        "fr": "Ce que mesure chaque objectif de la campagne et comment il est calculé.",
    },
    "rp.intervals": {"en": "Intervals", "fr": "Intervalles"},
    "rp.intervals_text": {
        "en": "Every range is a {confidence} interval (the report's confidence level) unless it "
        "says bounds. Simulated coverage is the share of simulated data sets, 1,000 per "
        "scenario, whose interval held the true value: at the nominal 90% it should be close "
        "to 90% or above.",
        "fr": "Chaque intervalle est un intervalle à {confidence} (le niveau de confiance du "
        "rapport), sauf mention « bornes ». La couverture simulée est la part des jeux de "
        "données simulés, 1 000 par scénario, dont l'intervalle contenait la vraie valeur : au "
        "niveau nominal de 90 %, elle doit être proche de 90 % ou au-dessus.",
    },
    "rp.col_range": {"en": "Range", "fr": "Intervalle"},
    "rp.col_method": {"en": "How it is made", "fr": "Comment il est construit"},
    "rp.col_coverage": {"en": "Simulated coverage", "fr": "Couverture simulée"},
    "rp.coverage_bounds": {
        "en": "always (hard bounds, not a statistical range)",
        "fr": "toujours (bornes certaines, pas un intervalle statistique)",
    },
    "rp.iv.wilson": {"en": "Share of positive answers", "fr": "Part de réponses positives"},
    "rp.iv.wilson_how": {
        "en": "Wilson (1927) score interval.",
        "fr": "Intervalle de score de Wilson (1927).",
    },
    "rp.iv.newcombe": {"en": "Brand lift (points)", "fr": "Hausse de marque (points)"},
    "rp.iv.newcombe_how": {
        "en": "Newcombe (1998) hybrid score interval for a difference of two proportions; "
        "weighted surveys enter through Kish effective sample sizes.",
        "fr": "Intervalle de score hybride de Newcombe (1998) pour une différence de deux "
        "proportions ; les enquêtes pondérées entrent par les tailles effectives de Kish.",
    },
    "rp.iv.cost": {"en": "Cost per lifted user", "fr": "Coût par personne gagnée"},
    "rp.iv.cost_how": {
        "en": "Spend / (lift × reach) at the two ends of the lift's Newcombe interval; open "
        "above when the lift's low end is at or below zero.",
        "fr": "Dépense / (hausse × couverture) aux deux bornes de l'intervalle de Newcombe de la "
        "hausse ; ouvert vers le haut quand la borne basse de la hausse est nulle ou négative.",
    },
    "rp.iv.pooled": {
        "en": "Lift pooled across campaigns",
        "fr": "Hausse regroupée sur plusieurs campagnes",
    },
    "rp.iv.pooled_how": {
        "en": "Inverse-variance (fixed-effect) mean of the campaigns' lifts with a Wald interval.",
        "fr": "Moyenne des hausses des campagnes pondérée par l'inverse de leur variance (effet "
        "fixe), avec un intervalle de Wald.",
    },
    "rp.iv.sentiment": {"en": "Net sentiment", "fr": "Sentiment net"},
    "rp.iv.sentiment_how": {
        "en": "Bonett and Price (2012) adjusted Wald interval for (positive − negative) / comments.",
        "fr": "Intervalle de Wald ajusté de Bonett et Price (2012) pour (positifs − négatifs) / "
        "commentaires.",
    },
    "rp.iv.creators": {
        "en": "Creators: engagement by collaboration, relationship slope",
        "fr": "Créateurs : engagement par collaboration, pente de la relation",
    },
    "rp.iv.creators_how": {
        "en": "Student's t on the log of the mean (variance floored at the lognormal model's); "
        "the slope with the larger of the OLS and creator-clustered variances.",
        "fr": "t de Student sur le logarithme de la moyenne (variance au moins celle du modèle "
        "lognormal) ; la pente avec la plus grande des variances MCO et groupée par créateur.",
    },
    "rp.iv.organic": {"en": "Sponsored / organic ratios", "fr": "Rapports sponsorisé / organique"},
    "rp.iv.organic_how": {
        "en": "Delta method on the log of the ratio with Welch's t; pooled over creators with a t "
        "interval across creators.",
        "fr": "Méthode delta sur le logarithme du rapport avec le t de Welch ; regroupé sur les "
        "créateurs avec un intervalle t entre créateurs.",
    },
    "rp.iv.adstock": {
        "en": "Memory of exposure (adstock θ, half-life)",
        "fr": "Mémoire de l'exposition (adstock θ, demi-vie)",
    },
    "rp.iv.adstock_how": {
        "en": "Profile-likelihood interval, widened for autocorrelated weekly errors; indicative "
        "under 12 weeks of data.",
        "fr": "Intervalle de vraisemblance profilée, élargi pour des erreurs hebdomadaires "
        "autocorrélées ; indicatif avec moins de 12 semaines de données.",
    },
    "rp.iv.bounds": {"en": "Unique reach, frequency", "fr": "Couverture unique, répétition"},
    "rp.iv.bounds_how": {
        "en": "When reach is summed across posts, the people reached lie between the largest "
        "single reach figure and the sum: these bounds are shown, never one end as the value.",
        "fr": "Quand la couverture est additionnée entre publications, les personnes touchées "
        "sont entre le plus grand chiffre de couverture et la somme : ces bornes sont "
        "affichées, jamais une borne comme valeur.",
    },
    "rp.samples": {"en": "Sample sizes", "fr": "Tailles d'échantillon"},
    "rp.samples_text": {
        "en": "Survey answers behind each brand-lift figure. Exposed: people who saw the "
        "campaign; control: comparable people who did not. Weighted surveys count their "
        "effective size (Kish).",
        "fr": "Réponses à l'enquête derrière chaque hausse de marque. Exposés : personnes qui ont "
        "vu la campagne ; témoins : personnes comparables qui ne l'ont pas vue. Les enquêtes "
        "pondérées comptent leur taille effective (Kish).",
    },
    "rp.col_question": {"en": "Question", "fr": "Question"},
    "rp.col_exposed": {"en": "Exposed answers", "fr": "Réponses exposés"},
    "rp.col_control": {"en": "Control answers", "fr": "Réponses témoins"},
    "rp.col_effective": {
        "en": "Effective (exposed / control)",
        "fr": "Effectif (exposés / témoins)",
    },
    "rp.no_survey": {
        "en": "{campaign}: no brand-lift survey is loaded.",
        "fr": "{campaign} : aucune enquête de hausse de marque n'est chargée.",
    },
    "rp.continued": {"en": "{title} (continued)", "fr": "{title} (suite)"},
    # The agency's brand on its reports (pages/settings.py, store/settings.py).
    "brand.title": {"en": "Settings", "fr": "Réglages"},
    "brand.section": {"en": "Report branding", "fr": "Identité des rapports"},
    "brand.caption": {
        "en": "Your agency's name and logo, on the cover of every PDF and slide report.",
        "fr": "Le nom et le logo de votre agence, sur la couverture de chaque rapport PDF et "
        "diaporama.",
    },
    "brand.name": {"en": "Agency name", "fr": "Nom de l'agence"},
    "brand.logo": {
        "en": "Logo (PNG or JPEG, at most 1 MB)",
        "fr": "Logo (PNG ou JPEG, 1 Mo au plus)",
    },
    "brand.save": {"en": "Save", "fr": "Enregistrer"},
    "brand.saved": {
        "en": "Saved: reports now carry this name and logo.",
        "fr": "Enregistré : les rapports portent désormais ce nom et ce logo.",
    },
    "brand.current_logo": {"en": "Current logo", "fr": "Logo actuel"},
    "brand.remove_logo": {"en": "Remove the logo", "fr": "Retirer le logo"},
    "brand.none": {
        "en": "No agency name yet: reports name no agency until one is set.",
        "fr": "Pas encore de nom d'agence : les rapports n'en affichent aucun tant qu'il n'est "
        "pas fixé.",
    },
    "brand.error_empty": {
        "en": "{file}: the file is empty; choose a PNG or JPEG logo.",
        "fr": "{file} : le fichier est vide ; choisissez un logo PNG ou JPEG.",
    },
    "brand.error_too_big": {
        "en": "{file}: the logo is {size} MB; a logo must be at most 1 MB.",
        "fr": "{file} : le logo fait {size} Mo ; un logo doit faire 1 Mo au plus.",
    },
    "brand.error_not_image": {
        "en": "{file}: not a PNG or JPEG image; save the logo as PNG or JPEG and try again.",
        "fr": "{file} : ce n'est pas une image PNG ou JPEG ; enregistrez le logo en PNG ou JPEG "
        "et réessayez.",
    },
    "brand.error_damaged": {
        "en": "{file}: the image is damaged (no size found).",
        "fr": "{file} : l'image est endommagée (aucune taille trouvée).",
    },
    "brand.error_pixels": {
        "en": "{file}: the logo is {width} × {height} pixels; each side must be between "
        "{low} and {high} pixels.",
        "fr": "{file} : le logo fait {width} × {height} pixels ; chaque côté doit mesurer entre "
        "{low} et {high} pixels.",
    },
    "brand.error_name_empty": {
        "en": "The agency name is empty.",
        "fr": "Le nom de l'agence est vide.",
    },
    "brand.error_name_long": {
        "en": "The agency name is longer than {high} characters.",
        "fr": "Le nom de l'agence dépasse {high} caractères.",
    },
    "choose": {"en": "Choose", "fr": "Choisir"},
    "all": {"en": "All", "fr": "Tous"},
    "no_data": {
        "en": "No data matches these filters.",
        "fr": "Aucune donnée ne correspond à ces filtres.",
    },
    "no_campaign": {
        "en": "No campaign yet: upload a campaign's exports to begin.",
        "fr": "Aucune campagne : chargez les exports d'une campagne pour commencer.",
    },
    "upload_link": {"en": "Upload exports", "fr": "Charger des exports"},
    "home.tagline": {
        "en": "Influencer campaigns measured beyond likes and clicks.",
        "fr": "Les campagnes d'influence mesurées au-delà des likes et des clics.",
    },
    "home.demo": {
        "en": "The bundled sample data is loaded: {names} and their campaigns are fictitious.",
        "fr": "Les données d'exemple sont chargées : {names} et leurs campagnes sont fictifs.",
    },
    "home.clients": {"en": "Clients", "fr": "Clients"},
    "home.clients_help": {
        "en": "Clients of the agency in this database.",
        "fr": "Clients de l'agence dans cette base.",
    },
    "home.campaigns_help": {
        "en": "Campaigns across all clients.",
        "fr": "Campagnes de tous les clients.",
    },
    "home.posts": {"en": "Posts", "fr": "Publications"},
    "home.posts_help": {
        "en": "Pieces of content, sponsored or not.",
        "fr": "Contenus, sponsorisés ou non.",
    },
    "home.files": {"en": "Files loaded", "fr": "Fichiers chargés"},
    "home.files_help": {
        "en": "Uploaded files that loaded (refused files excluded).",
        "fr": "Fichiers chargés avec succès (fichiers refusés exclus).",
    },
    "home.recent": {"en": "Recent uploads", "fr": "Derniers chargements"},
    "need.posts_disclosure": {
        "en": "Load the campaign's post exports (platform or influencer-platform files) to check "
        "that each sponsored post is disclosed.",
        "fr": "Chargez les exports de publications de la campagne (plateformes ou plateforme "
        "d'influence) pour vérifier que chaque publication sponsorisée est signalée.",
    },
    "db.in_use": {
        "en": "The database {file} is in use by {who} and stayed locked for {seconds} s. Close "
        "that program (a DuckDB shell or script opened on the file for writing) or wait for its "
        "load to finish, then reload the page. SILLAGE_LOCK_WAIT_SECONDS sets how long Sillage "
        "waits.",
        "fr": "La base {file} est utilisée par {who} et est restée verrouillée {seconds} s. "
        "Fermez ce programme (un shell DuckDB ou un script qui a ouvert le fichier en écriture) "
        "ou attendez la fin de son chargement, puis rechargez la page. "
        "SILLAGE_LOCK_WAIT_SECONDS règle la durée d’attente.",
    },
    "db.damaged": {
        "en": "The database {file} cannot be read: the file is damaged. Restore it from a backup "
        "(sillage restore BACKUP), or move it aside to start an empty database.",
        "fr": "La base {file} est illisible : le fichier est endommagé. Restaurez-la depuis une "
        "sauvegarde (sillage restore SAUVEGARDE), ou déplacez-la pour repartir d'une base vide.",
    },
    "db.unavailable": {
        "en": "The dashboard cannot be shown right now. Please contact the agency.",
        "fr": "Le tableau de bord ne peut pas s'afficher pour le moment. Contactez l'agence.",
    },
    "db.holder": {
        "en": "another program ({program}, process {pid})",
        "fr": "un autre programme ({program}, processus {pid})",
    },
    "db.holder_unknown": {"en": "another program", "fr": "un autre programme"},
    "db.updating": {
        "en": "The dashboard is being updated. Reload the page in a minute.",
        "fr": "Le tableau de bord est en cours de mise à jour. Rechargez la page dans une minute.",
    },
    "up.title": {"en": "Upload exports", "fr": "Charger des exports"},
    "up.where": {"en": "Where the rows go", "fr": "Destination des lignes"},
    "up.results": {"en": "Results", "fr": "Résultats"},
    "up.loading": {"en": "Loading", "fr": "Chargement en cours"},
    "up.settings": {"en": "Campaign settings", "fr": "Réglages de la campagne"},
    "up.rows_read": {"en": "Rows read", "fr": "Lignes lues"},
    "up.rows_loaded": {"en": "Rows loaded", "fr": "Lignes chargées"},
    "up.rows_rejected": {"en": "Rows rejected", "fr": "Lignes rejetées"},
    "up.rows_skipped": {"en": "Rows skipped", "fr": "Lignes ignorées"},
    "up.rows_read_help": {"en": "Data rows in the file.", "fr": "Lignes de données du fichier."},
    "up.rows_loaded_help": {
        "en": "Rows now in the database.",
        "fr": "Lignes désormais dans la base.",
    },
    "up.rows_rejected_help": {
        "en": "Rows that could not be read; the file's other rows loaded.",
        "fr": "Lignes illisibles ; les autres lignes du fichier sont chargées.",
    },
    "up.rows_skipped_help": {
        "en": "Totals rows of the export: not data.",
        "fr": "Lignes de totaux de l'export : pas des données.",
    },
    "up.files": {"en": "Export files", "fr": "Fichiers d'export"},
    "up.campaign_to_edit": {"en": "Campaign to edit", "fr": "Campagne à modifier"},
    "up.objective": {"en": "Objective", "fr": "Objectif"},
    "up.start": {"en": "Start date", "fr": "Date de début"},
    "up.end": {"en": "End date", "fr": "Date de fin"},
    "up.budget": {"en": "Budget", "fr": "Budget"},
    "up.currency": {"en": "Currency", "fr": "Devise"},
    "up.save": {"en": "Save campaign", "fr": "Enregistrer la campagne"},
    "up.load_mapping": {"en": "Load with this mapping", "fr": "Charger avec ce mapping"},
    "up.what_holds": {"en": "What does this file hold?", "fr": "Que contient ce fichier ?"},
    "up.creator": {"en": "Creator handle (optional)", "fr": "Compte du créateur (facultatif)"},
    "up.new_campaign_name": {"en": "New campaign name", "fr": "Nom de la nouvelle campagne"},
    "up.caption": {
        "en": "YouTube Studio, TikTok, Instagram / Meta Business Suite, Meta Ads Manager, "
        "brand-lift surveys, comment exports, exposure logs — or any CSV, whose columns you map "
        "once. A file loads whole or not at all; a row that cannot be read is listed with its "
        "line and the file's other rows load. Loading the same export twice never doubles a "
        "number.",
        "fr": "YouTube Studio, TikTok, Instagram / Meta Business Suite, Meta Ads Manager, "
        "enquêtes de brand lift, exports de commentaires, journaux d'exposition — ou tout CSV, "
        "dont vous associez les colonnes une fois. Un fichier se charge en entier ou pas du "
        "tout ; une ligne illisible est listée avec son numéro et les autres lignes du fichier "
        "se chargent. Charger deux fois le même export ne double jamais un chiffre.",
    },
    "up.files_help": {
        "en": "Drop several files at once. CSV in any encoding and separator; save Excel files "
        "as CSV.",
        "fr": "Déposez plusieurs fichiers à la fois. CSV de tout encodage et séparateur ; "
        "enregistrez les fichiers Excel en CSV.",
    },
    "up.same": {
        "en": "Same client and campaign for every file",
        "fr": "Même client et même campagne pour tous les fichiers",
    },
    "up.load_one": {"en": "Load 1 file", "fr": "Charger 1 fichier"},
    "up.load_many": {"en": "Load {n} files", "fr": "Charger {n} fichiers"},
    "up.to_load": {"en": "To load, type {items}.", "fr": "Pour charger, saisissez {items}."},
    "up.and": {"en": " and ", "fr": " et "},
    "up.new_client_option": {"en": "New client…", "fr": "Nouveau client…"},
    "up.new_client_name": {"en": "New client name", "fr": "Nom du nouveau client"},
    "up.new_client_placeholder": {"en": "e.g. Maison Aurore", "fr": "ex. Maison Aurore"},
    "up.as_file": {
        "en": "As the file says (its campaign column)",
        "fr": "Selon le fichier (sa colonne campagne)",
    },
    "up.new_campaign_option": {"en": "New campaign…", "fr": "Nouvelle campagne…"},
    "up.new_campaign_placeholder": {"en": "e.g. Rentrée 2026", "fr": "ex. Rentrée 2026"},
    "up.creator_help": {
        "en": "Only for exports that do not name the account: YouTube Studio, TikTok Overview "
        "and Viewers.",
        "fr": "Seulement pour les exports qui ne nomment pas le compte : YouTube Studio, TikTok "
        "Overview et Viewers.",
    },
    "up.will_refuse": {
        "en": "{name} — will be refused: {problem}",
        "fr": "{name} — sera refusé : {problem}",
    },
    "up.not_recognised": {
        "en": "{name} — columns not recognised: you will map them after loading",
        "fr": "{name} — colonnes non reconnues : vous les associerez après le chargement",
    },
    "up.saved_mapping": {
        "en": " (your saved column mapping)",
        "fr": " (votre association de colonnes enregistrée)",
    },
    "up.needs_mapping": {
        "en": "Sillage does not recognise these columns yet. Tell it once what they hold: the "
        "mapping is saved and used by itself for the next file with the same columns.",
        "fr": "Sillage ne reconnaît pas encore ces colonnes. Indiquez une fois ce qu'elles "
        "contiennent : l'association est enregistrée et réutilisée d'elle-même pour le prochain "
        "fichier aux mêmes colonnes.",
    },
    "up.not_loaded": {"en": "Not loaded. {reason}", "fr": "Non chargé. {reason}"},
    "up.mapped": {
        "en": " — read with your column mapping, saved for next time",
        "fr": " — lu avec votre association de colonnes, enregistrée pour la prochaine fois",
    },
    "up.format_detected": {
        "en": "Format detected: **{format}**{mapped}",
        "fr": "Format détecté : **{format}**{mapped}",
    },
    "up.campaign_line": {"en": "Campaign: {names}", "fr": "Campagne : {names}"},
    "up.campaigns_line": {"en": "Campaigns: {names}", "fr": "Campagnes : {names}"},
    "up.first_rejected": {"en": "First rejected rows", "fr": "Premières lignes rejetées"},
    "up.showing_rejected": {
        "en": "Showing {shown} of {total} rejected rows. Lines count the header as line 1.",
        "fr": "{shown} lignes rejetées affichées sur {total}. L'en-tête compte comme ligne 1.",
    },
    "up.copy_gone": {
        "en": "The copy of {file} kept at upload is gone: upload the file again.",
        "fr": "La copie de {file} gardée au chargement a disparu : chargez le fichier à nouveau.",
    },
    "up.choose_kind": {"en": "Choose the kind of export", "fr": "Choisissez le type d'export"},
    "up.first_rows": {
        "en": "The first {n} rows of {file}, as uploaded:",
        "fr": "Les {n} premières lignes de {file}, telles que chargées :",
    },
    "up.required_note": {
        "en": "\\* required. Sillage saves this mapping and applies it by itself to the next "
        "file with the same columns.",
        "fr": "\\* obligatoire. Sillage enregistre cette association et l'applique d'elle-même "
        "au prochain fichier aux mêmes colonnes.",
    },
    "up.choose_required": {
        "en": "Choose a column for each required field: {fields}.",
        "fr": "Choisissez une colonne pour chaque champ obligatoire : {fields}.",
    },
    "up.no_campaigns": {
        "en": "Campaigns appear here once a file is loaded into one.",
        "fr": "Les campagnes apparaissent ici dès qu'un fichier y est chargé.",
    },
    "up.not_set": {"en": "Not set", "fr": "Non renseigné"},
    "up.targets": {"en": "Targets", "fr": "Objectifs"},
    "up.target": {"en": "Target", "fr": "Objectif"},
    "up.saved": {"en": "Saved {label}.", "fr": "{label} enregistrée."},
    "up.not_saved": {"en": "Not saved. {problems}", "fr": "Non enregistré. {problems}"},
    "home.upload_more": {"en": "Upload more exports", "fr": "Charger d'autres exports"},
    # Lift vocabulary
    "measured": {"en": "measured", "fr": "mesuré"},
    "estimated": {"en": "estimated", "fr": "estimé"},
    "significant": {"en": "significant", "fr": "significatif"},
    "not_significant": {
        "en": "not significant — not proof of no effect",
        "fr": "non significatif — ce n'est pas la preuve d'une absence d'effet",
    },
    "not_significant_short": {"en": "not significant", "fr": "non significatif"},
    "low_certainty": {"en": "low certainty", "fr": "faible certitude"},
    "small_sample": {"en": "small sample", "fr": "petit échantillon"},
    "certainty": {"en": "certainty", "fr": "certitude"},
    "ad_recall": {"en": "Ad recall", "fr": "Mémorisation publicitaire"},
    "awareness": {"en": "Awareness", "fr": "Notoriété"},
    "consideration": {"en": "Consideration", "fr": "Considération"},
    "favorability": {"en": "Favorability", "fr": "Opinion favorable"},
    "purchase_intent": {"en": "Purchase intent", "fr": "Intention d'achat"},
    "absolute_lift": {"en": "Absolute lift (points)", "fr": "Hausse absolue (points)"},
    # Lift pages (Overview, Perception, Consideration, Recall)
    "lp_value": {"en": "Value", "fr": "Valeur"},
    "lp_interval": {"en": "Interval", "fr": "Intervalle"},
    "lp_bounds": {"en": "bounds", "fr": "bornes"},
    "lp_reason": {"en": "Why", "fr": "Pourquoi"},
    "lp_target": {"en": "Target", "fr": "Objectif"},
    "lp_primary": {"en": "primary metric", "fr": "indicateur principal"},
    "lp_yes": {"en": "yes", "fr": "oui"},
    "lp_no": {"en": "no", "fr": "non"},
    "lp_formula": {"en": "Formula", "fr": "Formule"},
    "lp_source": {"en": "Source", "fr": "Source"},
    "lp_note": {"en": "Note", "fr": "Remarque"},
    "lp_provenance": {"en": "Provenance", "fr": "Provenance"},
    "lp_frequency": {"en": "Average frequency", "fr": "Répétition moyenne"},
    "lp_lift": {"en": "lift", "fr": "hausse"},
    "lp_positive": {"en": "Positive", "fr": "Positifs"},
    "lp_neutral": {"en": "Neutral", "fr": "Neutres"},
    "lp_negative": {"en": "Negative", "fr": "Négatifs"},
    "lp_positive_share": {"en": "Positive comments", "fr": "Commentaires positifs"},
    "lp_neutral_share": {"en": "Neutral comments", "fr": "Commentaires neutres"},
    "lp_negative_share": {"en": "Negative comments", "fr": "Commentaires négatifs"},
    "lp_net_sentiment": {"en": "Net sentiment", "fr": "Sentiment net"},
    "measured_help": {
        "en": "read from an export as the platform or survey reported it",
        "fr": "lu dans un export, tel que la plateforme ou l'enquête l'a fourni",
    },
    "estimated_help": {
        "en": "derived with an assumption (e.g. reach summed across posts, sentiment scored "
        "automatically)",
        "fr": "calculé avec une hypothèse (par ex. couverture additionnée entre publications, "
        "sentiment évalué automatiquement)",
    },
    "provenance_unknown": {"en": "not computed", "fr": "non calculé"},
    "overview_title": {"en": "Overview", "fr": "Vue d'ensemble"},
    "overview_caption": {
        "en": "{name} · {client} · objective: {objective}",
        "fr": "{name} · {client} · objectif : {objective}",
    },
    "objective_awareness": {"en": "awareness", "fr": "notoriété"},
    "objective_consideration": {"en": "consideration", "fr": "considération"},
    "objective_conversion": {"en": "conversion", "fr": "conversion"},
    "objective_loyalty": {"en": "loyalty", "fr": "fidélité"},
    "scorecard_title": {"en": "Objective scorecard", "fr": "Bilan des objectifs"},
    "status_met": {"en": "met", "fr": "atteint"},
    "status_missed": {"en": "missed", "fr": "manqué"},
    "status_inconclusive": {"en": "inconclusive", "fr": "non concluant"},
    "status_likely_met": {"en": "likely met", "fr": "probablement atteint"},
    "status_unlikely": {"en": "unlikely", "fr": "peu probable"},
    "status_too_few_answers": {
        "en": "too few answers to say",
        "fr": "trop peu de réponses pour conclure",
    },
    # The verdict sentences (ui/verdict.py): the IPCC likelihood scale, then the sentence shapes.
    "vd.title": {"en": "Verdict", "fr": "Verdict"},
    # The study planner beside the targets (ui/verdict.study_plans_block, metrics/planner.py).
    "plan.title": {
        "en": "Can the survey see each lift target?",
        "fr": "L'enquête peut-elle voir chaque objectif de hausse ?",
    },
    "plan.needed": {
        "en": "{label} of {target}: {needed} answers per group see it ({power} power, "
        "{confidence} confidence, base rate {base}).",
        "fr": "{label} de {target} : {needed} réponses par groupe la voient (puissance "
        "{power}, confiance {confidence}, taux de base {base}).",
    },
    "plan.assumed": {
        "en": "The base rate is assumed until the campaign's survey is loaded.",
        "fr": "Le taux de base est supposé tant que l'enquête de la campagne n'est pas chargée.",
    },
    "plan.too_small": {
        "en": "With {per_group} answers per group this survey can only see lifts above {lift}.",
        "fr": "Avec {per_group} réponses par groupe, cette enquête ne voit que des hausses "
        "au-delà de {lift}.",
    },
    "plan.enough": {
        "en": "The survey's {per_group} answers per group see lifts from {lift}.",
        "fr": "Les {per_group} réponses par groupe de l'enquête voient les hausses dès {lift}.",
    },
    "plan.unreachable": {
        "en": "{label} of {target} cannot be reached from a base rate of {base}.",
        "fr": "{label} de {target} est hors d'atteinte depuis un taux de base de {base}.",
    },
    "vd.too_small": {
        "en": "This study's answers could only see lifts above {lift}: more answers, or a larger "
        "target, would settle it (sillage plan).",
        "fr": "Les réponses de cette étude ne permettaient de voir que des hausses au-delà de "
        "{lift} : plus de réponses, ou un objectif plus grand, trancheraient (sillage plan).",
    },
    "up_to": {"en": "up to {high}", "fr": "jusqu'à {high}"},
    "more_columns": {"en": "More columns ({n})", "fr": "Autres colonnes ({n})"},
    "at_least": {"en": "at least {low}", "fr": "au moins {low}"},
    "vd.almost_certain": {"en": "almost certainly {where}", "fr": "presque certainement {where}"},
    "vd.very_likely": {"en": "very likely {where}", "fr": "très probablement {where}"},
    "vd.likely": {"en": "likely {where}", "fr": "probablement {where}"},
    "vd.even": {"en": "as likely as not {where}", "fr": "peut-être {where}"},
    "vd.unlikely": {"en": "unlikely to be {where}", "fr": "probablement pas {where}"},
    "vd.very_unlikely": {
        "en": "very unlikely to be {where}",
        "fr": "très probablement pas {where}",
    },
    "vd.almost_never": {
        "en": "almost certainly not {where}",
        "fr": "presque certainement pas {where}",
    },
    "vd.where_zero": {"en": "above zero", "fr": "au-dessus de zéro"},
    "vd.where_target_above": {
        "en": "above the target of {target}",
        "fr": "au-dessus de l'objectif de {target}",
    },
    "vd.where_target_below": {
        "en": "below the target of {target}",
        "fr": "en dessous de l'objectif de {target}",
    },
    "vd.and": {"en": ", ", "fr": ", "},
    "vd.with_range": {
        "en": "{label}: {value} ({confidence} range {low} to {high}), {clauses}.",
        "fr": "{label} : {value} (intervalle à {confidence} de {low} à {high}), {clauses}.",
    },
    "vd.bounds_straddle": {
        "en": "{label}: between {low} and {high}; the exports cannot tell on which side of the "
        "target of {target} it lies.",
        "fr": "{label} : entre {low} et {high} ; les exports ne permettent pas de dire de quel "
        "côté de l'objectif de {target} il se situe.",
    },
    "vd.exact": {"en": "{label}: {value}, {clause}.", "fr": "{label} : {value}, {clause}."},
    "vd.exact_met_higher": {
        "en": "at or above the target of {target}",
        "fr": "au niveau ou au-dessus de l'objectif de {target}",
    },
    "vd.exact_met_lower": {
        "en": "at or below the target of {target}",
        "fr": "au niveau ou en dessous de l'objectif de {target}",
    },
    "vd.exact_missed_higher": {
        "en": "below the target of {target}",
        "fr": "en dessous de l'objectif de {target}",
    },
    "vd.exact_missed_lower": {
        "en": "above the target of {target}",
        "fr": "au-dessus de l'objectif de {target}",
    },
    "vd.not_graded": {
        "en": "{label}: not graded yet ({reason}).",
        "fr": "{label} : pas encore évalué ({reason}).",
    },
    "no_targets": {
        "en": "This campaign has no targets yet: set them on the campaign (Upload page) to grade "
        "it met, missed or inconclusive.",
        "fr": "Cette campagne n'a pas encore d'objectifs chiffrés : fixez-les sur la campagne "
        "(page Chargement) pour la noter atteint, manqué ou non concluant.",
    },
    "set_targets_link": {"en": "Set campaign targets", "fr": "Fixer les objectifs"},
    "headline_lift_title": {"en": "Brand lift per question", "fr": "Hausse par question"},
    "lift_caption": {
        "en": "Exposed minus control, in points, with its interval. 'Not significant' is not "
        "proof of no effect: the interval shows which effects the answers allow.",
        "fr": "Exposés moins témoins, en points, avec son intervalle. « Non significatif » n'est "
        "pas la preuve d'une absence d'effet : l'intervalle montre les effets compatibles avec "
        "les réponses.",
    },
    "survey_not_filtered": {
        "en": "Survey lifts cover the whole campaign: date, platform and creator filters do not "
        "apply to them.",
        "fr": "Les hausses de l'enquête portent sur toute la campagne : les filtres de dates, "
        "plateformes et créateurs ne s'y appliquent pas.",
    },
    "def_lift": {
        "en": "Share of exposed respondents answering positively minus the share of control "
        "respondents.",
        "fr": "Part des répondants exposés qui répondent positivement moins la part des témoins.",
    },
    "formula_frequency": {"en": "impressions / reach", "fr": "impressions / couverture"},
    "formula_cplu": {
        "en": "spend / (absolute lift × exposed reach)",
        "fr": "dépense / (hausse absolue × couverture exposée)",
    },
    "formula_net_sentiment": {
        "en": "(positive − negative) / all",
        "fr": "(positifs − négatifs) / ensemble",
    },
    "formula_lift": {
        "en": "p_e − p_c; Newcombe hybrid score interval; chance above zero = P(lift > 0), read "
        "off the interval as a normal distribution",
        "fr": "p_e − p_c ; intervalle score hybride de Newcombe ; probabilité d'une hausse = "
        "P(hausse > 0), lue sur l'intervalle comme une loi normale",
    },
    "source_lift": {
        "en": "Brand-lift survey export; Newcombe (1998); Meta and Google brand-lift methods",
        "fr": "Export d'enquête de brand lift ; Newcombe (1998) ; méthodes Meta et Google",
    },
    "lift_card_details": {
        "en": "Exposed {exposed} ({n_exposed} answers) vs control {control} ({n_control}). "
        "{confidence} interval {interval}; chance the lift is above zero {chance}; minimum "
        "detectable lift {mdl}.",
        "fr": "Exposés {exposed} ({n_exposed} réponses) contre témoins {control} ({n_control}). "
        "Intervalle à {confidence} {interval} ; probabilité d'une hausse {chance} ; hausse "
        "minimale détectable {mdl}.",
    },
    "no_survey": {
        "en": "No brand lift for this campaign: upload a brand-lift survey export (exposed and "
        "control respondents' answers) to measure it. The rest of the page still shows.",
        "fr": "Pas de hausse mesurée pour cette campagne : chargez un export d'enquête de brand "
        "lift (réponses des exposés et des témoins) pour la mesurer. Le reste de la page "
        "s'affiche.",
    },
    "upload_survey_link": {
        "en": "Upload a brand-lift survey export",
        "fr": "Charger un export d'enquête de brand lift",
    },
    "no_consideration_question": {
        "en": "the survey asks neither consideration nor purchase intent",
        "fr": "l'enquête ne pose ni la question de considération ni celle d'intention d'achat",
    },
    "no_favorability_question": {
        "en": "the survey has no favorability question",
        "fr": "l'enquête ne pose pas de question d'opinion favorable",
    },
    "no_recall_question": {
        "en": "the survey has no ad-recall or awareness question",
        "fr": "l'enquête ne pose pas de question de mémorisation ou de notoriété",
    },
    "delivery_title": {"en": "Reach and frequency", "fr": "Couverture et répétition"},
    "frequency_definition": {
        "en": "How many times, on average, a person reached saw the campaign.",
        "fr": "Nombre moyen de fois où une personne touchée a vu la campagne.",
    },
    "source_frequency": {
        "en": "Meta Business Help Center, 'Frequency'",
        "fr": "Meta Business Help Center, « Répétition »",
    },
    "reach_summed_short": {
        "en": "reach summed across posts",
        "fr": "couverture additionnée",
    },
    "reach_summed_warning": {
        "en": "Reach is summed across posts: a person reached by two posts counts twice, so "
        "reach over-counts people and frequency is understated.",
        "fr": "La couverture est additionnée entre publications : une personne touchée par deux "
        "publications compte deux fois, la couverture surestime donc les personnes et la "
        "répétition est sous-estimée.",
    },
    "cost_per_lifted_user": {"en": "Cost per lifted user", "fr": "Coût par personne convaincue"},
    "cplu_definition": {
        "en": "Spend divided by the people the campaign moved on its headline question "
        "(absolute lift × exposed reach); the range comes from the lift's interval.",
        "fr": "Dépense divisée par les personnes que la campagne a fait changer d'avis sur sa "
        "question principale (hausse absolue × couverture exposée) ; la fourchette vient de "
        "l'intervalle de la hausse.",
    },
    "col_question": {"en": "Question", "fr": "Question"},
    "col_lift": {"en": "Lift", "fr": "Hausse"},
    "col_ci": {"en": "Interval", "fr": "Intervalle"},
    "col_certainty": {"en": "Certainty", "fr": "Certitude"},
    "col_chance_positive": {"en": "Chance above zero", "fr": "Probabilité d'une hausse"},
    "col_reading": {"en": "Reading", "fr": "Lecture"},
    "col_exposed": {"en": "Exposed rate", "fr": "Taux exposés"},
    "col_control": {"en": "Control rate", "fr": "Taux témoins"},
    "col_n_exposed": {"en": "Exposed answers", "fr": "Réponses exposés"},
    "col_n_control": {"en": "Control answers", "fr": "Réponses témoins"},
    "col_relative": {"en": "Relative lift", "fr": "Hausse relative"},
    "col_mdl": {"en": "Minimum detectable lift", "fr": "Hausse minimale détectable"},
    "col_lifted": {"en": "Lifted users", "fr": "Personnes convaincues"},
    "col_cplu": {"en": "Cost per lifted user", "fr": "Coût par personne convaincue"},
    "col_provenance": {"en": "Provenance", "fr": "Provenance"},
    "col_warnings": {"en": "Warnings", "fr": "Avertissements"},
    "col_metric": {"en": "Metric", "fr": "Indicateur"},
    "col_status": {"en": "Status", "fr": "Statut"},
    "col_key": {"en": "Creator", "fr": "Créateur"},
    "col_group": {"en": "Language", "fr": "Langue"},
    "col_comments": {"en": "Comments", "fr": "Commentaires"},
    "col_week": {"en": "Week of", "fr": "Semaine du"},
    "col_mentioning": {"en": "Naming the brand", "fr": "Citant la marque"},
    "col_mention_share": {"en": "Share naming the brand", "fr": "Part citant la marque"},
    "group_all": {"en": "All languages", "fr": "Toutes les langues"},
    "group_fr": {"en": "French", "fr": "Français"},
    "group_en": {"en": "English", "fr": "Anglais"},
    "group_und": {"en": "Undetermined", "fr": "Indéterminée"},
    "perception_title": {"en": "Perception", "fr": "Perception"},
    "favorability_lift_title": {"en": "Favorability lift", "fr": "Hausse d'opinion favorable"},
    "comment_sentiment_title": {"en": "Comment sentiment", "fr": "Sentiment des commentaires"},
    "no_comments": {
        "en": "No comments match these filters: widen the dates, platforms or creators, or upload "
        "the posts' comment exports.",
        "fr": "Aucun commentaire ne correspond à ces filtres : élargissez les dates, plateformes "
        "ou créateurs, ou chargez les exports de commentaires.",
    },
    "sentiment_share_definition": {
        "en": "Share of the campaign's comments scored this way.",
        "fr": "Part des commentaires de la campagne classés ainsi.",
    },
    "source_sentiment": {
        "en": "Sillage sentiment scorer (model, else lexicon), metrics.sentiment",
        "fr": "Évaluateur de sentiment de Sillage (modèle, sinon lexique), metrics.sentiment",
    },
    "scored_note": {
        "en": "{n} comments scored automatically",
        "fr": "{n} commentaires évalués automatiquement",
    },
    "net_sentiment_definition": {
        "en": "Positive minus negative comments, over all comments (from −1 to +1); the range is "
        "its adjusted Wald interval.",
        "fr": "Commentaires positifs moins négatifs, sur l'ensemble (de −1 à +1) ; la fourchette "
        "est son intervalle de Wald ajusté.",
    },
    "source_net_sentiment": {
        "en": "Social-listening 'net sentiment' (Brandwatch, Talkwalker)",
        "fr": "« Sentiment net » des outils d'écoute sociale (Brandwatch, Talkwalker)",
    },
    "brand_mention_share": {
        "en": "Comments naming the brand",
        "fr": "Commentaires citant la marque",
    },
    "brand_mention_definition": {
        "en": "Share of comments naming one of the campaign's brand terms ({terms}).",
        "fr": "Part des commentaires citant un des termes de marque de la campagne ({terms}).",
    },
    "brand_mention_formula": {
        "en": "comments naming the brand / comments; Wilson interval",
        "fr": "commentaires citant la marque / commentaires ; intervalle de Wilson",
    },
    "source_mentions": {
        "en": "Comment exports; matching rules of metrics.recall",
        "fr": "Exports de commentaires ; règles de metrics.recall",
    },
    "sentiment_by_language_title": {
        "en": "Sentiment by language",
        "fr": "Sentiment par langue",
    },
    "sentiment_by_week_title": {"en": "Net sentiment by week", "fr": "Sentiment net par semaine"},
    "in_memory_note": {
        "en": "{n} comments had no stored score and were scored on the fly by the lexicon "
        "(estimated).",
        "fr": "{n} commentaires sans score enregistré ont été évalués à la volée par le lexique "
        "(estimé).",
    },
    # Themes of a campaign's comments (ui/themes.py, metrics/themes.py)
    "theme.title": {"en": "What comments talk about", "fr": "Ce dont parlent les commentaires"},
    "theme.definition": {
        "en": "A comment is about a theme when it uses one of the theme's keywords (French or "
        "English), names the brand or the creator; a comment can be about several themes. Net "
        "sentiment = (positive − negative) / comments about the theme.",
        "fr": "Un commentaire porte sur un thème quand il emploie un de ses mots-clés (français "
        "ou anglais), cite la marque ou le créateur ; un commentaire peut porter sur plusieurs "
        "thèmes. Sentiment net = (positifs − négatifs) / commentaires du thème.",
    },
    "theme.none": {
        "en": "No comment mentions the product, its price, the brand, the creator or an "
        "intention to buy.",
        "fr": "Aucun commentaire ne parle du produit, de son prix, de la marque, du créateur ou "
        "d'une intention d'achat.",
    },
    "theme.purchase_intent": {"en": "Purchase intent", "fr": "Intention d'achat"},
    "theme.price": {"en": "Price", "fr": "Prix"},
    "theme.product": {"en": "Product", "fr": "Produit"},
    "theme.brand": {"en": "Brand", "fr": "Marque"},
    "theme.creator": {"en": "Creator", "fr": "Créateur"},
    "theme.count_line": {
        "en": "{n} comments ({share} of all)",
        "fr": "{n} commentaires ({share} du total)",
    },
    "theme.sentiment_line": {
        "en": "Net sentiment {net} · {pos} positive · {neu} neutral · {neg} negative",
        "fr": "Sentiment net {net} · {pos} positifs · {neu} neutres · {neg} négatifs",
    },
    "theme.column_theme": {"en": "Theme", "fr": "Thème"},
    "theme.column_comments": {"en": "Comments", "fr": "Commentaires"},
    "theme.column_share": {"en": "Share of comments", "fr": "Part des commentaires"},
    "theme.column_positive": {"en": "Positive", "fr": "Positifs"},
    "theme.column_neutral": {"en": "Neutral", "fr": "Neutres"},
    "theme.column_negative": {"en": "Negative", "fr": "Négatifs"},
    "theme.column_net": {"en": "Net sentiment", "fr": "Sentiment net"},
    "theme.column_example_1": {"en": "Example 1", "fr": "Exemple 1"},
    "theme.column_example_2": {"en": "Example 2", "fr": "Exemple 2"},
    "consideration_title": {"en": "Consideration", "fr": "Considération"},
    "consideration_lift_title": {
        "en": "Consideration and purchase-intent lift",
        "fr": "Hausse de considération et d'intention d'achat",
    },
    "signals_title": {
        "en": "Behavioural signals per reach",
        "fr": "Signaux de comportement par couverture",
    },
    "signals_caption": {
        "en": "Signals, not lift: these rates have no control group, so they show interest, not "
        "what the campaign caused.",
        "fr": "Des signaux, pas une hausse : sans groupe témoin, ces taux montrent l'intérêt, pas "
        "ce que la campagne a provoqué.",
    },
    "signals_by_creator": {"en": "Signals by creator", "fr": "Signaux par créateur"},
    "no_signals": {
        "en": "No post matching these filters reports reach with saves, shares, clicks or "
        "profile visits.",
        "fr": "Aucune publication correspondant à ces filtres n'indique la couverture avec les "
        "enregistrements, partages, clics ou visites du profil.",
    },
    "recall_title": {"en": "Recall", "fr": "Mémorisation"},
    "aided_recall_title": {
        "en": "Aided ad recall and awareness lift",
        "fr": "Hausse de mémorisation assistée et de notoriété",
    },
    "unaided_recall_title": {
        "en": "Unaided recall: exposed vs control",
        "fr": "Mémorisation spontanée : exposés contre témoins",
    },
    "unaided_recall_lift": {"en": "Unaided recall lift", "fr": "Hausse de mémorisation spontanée"},
    "unaided_definition": {
        "en": "Share of exposed respondents naming the brand ({terms}) in an open answer, minus "
        "the control share.",
        "fr": "Part des exposés citant la marque ({terms}) dans une réponse ouverte, moins celle "
        "des témoins.",
    },
    "unaided_counts": {
        "en": "Exposed {exposed} of {n_exposed} respondents; control {control} of {n_control}.",
        "fr": "Exposés {exposed} sur {n_exposed} répondants ; témoins {control} sur {n_control}.",
    },
    "no_unaided": {
        "en": "No unaided recall for this campaign: upload a survey export with an open question "
        "(for example: which brands come to mind?) for exposed and control respondents.",
        "fr": "Pas de mémorisation spontanée pour cette campagne : chargez un export d'enquête "
        "avec une question ouverte (par exemple : quelles marques vous viennent à l'esprit ?) "
        "pour les exposés et les témoins.",
    },
    "mentions_title": {
        "en": "Brand mentions in comments over time",
        "fr": "Mentions de la marque dans les commentaires",
    },
    # Repeat exposure, Creators, Disclosure pages (rx.*, cr.*, dc.*) and their shared words
    "provenance": {"en": "Provenance", "fr": "Provenance"},
    "source": {"en": "Source", "fr": "Source"},
    "method": {"en": "Method", "fr": "Méthode"},
    "warnings": {"en": "Warnings", "fr": "Avertissements"},
    "rx.title": {"en": "Repeat exposure", "fr": "Exposition répétée"},
    "rx.caption": {
        "en": "How often people saw the campaign, what each extra exposure adds, and how long the "
        "effect lasts.",
        "fr": "Combien de fois le public a vu la campagne, ce qu'apporte chaque exposition de plus, "
        "et combien de temps l'effet dure.",
    },
    "rx.frequency_title": {"en": "Average frequency", "fr": "Répétition moyenne"},
    "rx.average_frequency": {"en": "Average frequency", "fr": "Répétition moyenne"},
    "rx.average_frequency_help": {
        "en": "Impressions / reach, over posts and ad rows that export both (Meta Ads Manager's "
        "definition of frequency).",
        "fr": "Impressions / couverture, sur les publications et lignes publicitaires qui "
        "exportent les deux (définition de la répétition de Meta Ads Manager).",
    },
    "rx.impressions": {"en": "Impressions", "fr": "Impressions"},
    "rx.reach": {"en": "Reach", "fr": "Couverture"},
    "rx.reach_summed": {
        "en": "Reach is summed across posts: people reached by several posts are counted several "
        "times, so reach is over-counted and the average frequency under-states repetition "
        "(estimated).",
        "fr": "La couverture est additionnée entre publications : une personne touchée par "
        "plusieurs publications est comptée plusieurs fois. La couverture est donc surestimée et "
        "la répétition moyenne sous-estimée (estimé).",
    },
    "rx.distribution_title": {
        "en": "Frequency distribution (exposure log)",
        "fr": "Distribution de la répétition (journal d'expositions)",
    },
    "rx.no_exposure_log": {
        "en": "No exposure log for this campaign and filters. Upload an exposure log (one row per "
        "person and post seen: person id, post id, time) to see reach at 1+, 2+, 3+, 4+, 5+, 10+ "
        "and cumulative unique reach.",
        "fr": "Pas de journal d'expositions pour cette campagne et ces filtres. Chargez un journal "
        "d'expositions (une ligne par personne et publication vue : identifiant de la personne, "
        "de la publication, horodatage) pour voir la couverture à 1+, 2+, 3+, 4+, 5+, 10+ et la "
        "couverture unique cumulée.",
    },
    "rx.people_reached": {"en": "Unique people reached", "fr": "Personnes uniques touchées"},
    "rx.people_reached_help": {
        "en": "Distinct people in the exposure log under the filters.",
        "fr": "Personnes distinctes du journal d'expositions sous ces filtres.",
    },
    "rx.exposures": {"en": "Exposures logged", "fr": "Expositions enregistrées"},
    "rx.exposures_help": {
        "en": "Rows of the exposure log: one person seeing one post.",
        "fr": "Lignes du journal d'expositions : une personne qui voit une publication.",
    },
    "rx.log_frequency": {
        "en": "Frequency (exposure log)",
        "fr": "Répétition (journal d'expositions)",
    },
    "rx.log_frequency_help": {
        "en": "Exposures / unique people, counted person by person: no double counting.",
        "fr": "Expositions / personnes uniques, comptées personne par personne : pas de double "
        "compte.",
    },
    "rx.col_bucket": {"en": "Seen at least", "fr": "Vu au moins"},
    "rx.col_bucket_help": {
        "en": "k+ = people exposed k times or more (the buckets of Nielsen and Meta reports).",
        "fr": "k+ = personnes exposées k fois ou plus (les tranches des rapports Nielsen et Meta).",
    },
    "rx.col_at_least": {"en": "k", "fr": "k"},
    "rx.col_people": {"en": "People", "fr": "Personnes"},
    "rx.col_people_help": {
        "en": "People exposed at least k times.",
        "fr": "Personnes exposées au moins k fois.",
    },
    "rx.col_share": {"en": "Share of reach", "fr": "Part de la couverture"},
    "rx.col_share_help": {
        "en": "People exposed at least k times / unique people reached.",
        "fr": "Personnes exposées au moins k fois / personnes uniques touchées.",
    },
    "rx.reach_title": {"en": "Cumulative unique reach", "fr": "Couverture unique cumulée"},
    "rx.reach_help": {
        "en": "A person counts on the day of their first exposure; the hover shows cumulative "
        "frequency (cumulative exposures / cumulative people). Measured from the exposure log.",
        "fr": "Une personne compte le jour de sa première exposition ; le survol montre la "
        "répétition cumulée (expositions cumulées / personnes cumulées). Mesuré sur le journal "
        "d'expositions.",
    },
    "rx.lift_title": {
        "en": "Lift by exposure count (frequency response)",
        "fr": "Hausse selon le nombre d'expositions (réponse à la répétition)",
    },
    "rx.no_survey": {
        "en": "No brand-lift survey to split by exposure count: upload the survey's "
        "respondent-level answers (with their exposure count, or an exposure log)",
        "fr": "Pas d'étude d'impact de marque à ventiler par nombre d'expositions : chargez les "
        "réponses individuelles de l'étude (avec leur nombre d'expositions, ou un journal "
        "d'expositions)",
    },
    "rx.no_answers": {"en": "no answered question", "fr": "aucune question répondue"},
    "rx.no_respondents": {
        "en": "The frequency response needs each exposed respondent's exposure count: "
        "respondent-level answers with an exposures column, or an exposure log. Upload them to "
        "see lift by exposure count.",
        "fr": "La réponse à la répétition demande le nombre d'expositions de chaque répondant "
        "exposé : des réponses individuelles avec une colonne d'expositions, ou un journal "
        "d'exposition. Chargez-les pour voir la hausse par nombre d'expositions.",
    },
    "rx.question": {"en": "Survey question", "fr": "Question de l'étude"},
    "rx.seen_times": {"en": "Seen {bucket}×", "fr": "Vu {bucket} fois"},
    "rx.lift_help": {
        "en": "Absolute lift = positive rate of exposed respondents seen this many times − "
        "positive rate of the control group, in points. {confidence} interval: {low} to {high} "
        "(Newcombe). Answers: {n_exposed} exposed, {n_control} control. Chance the lift is above "
        "zero: {chance}. Provenance: measured.",
        "fr": "Hausse absolue = taux de réponses positives des exposés vus ce nombre de fois − "
        "taux du groupe témoin, en points. Intervalle à {confidence} : {low} à {high} "
        "(Newcombe). Réponses : {n_exposed} exposés, {n_control} témoins. Probabilité d'une "
        "hausse : {chance}. Provenance : mesuré.",
    },
    "rx.lift_caption": {
        "en": "Filled markers: the interval excludes 0. Open markers: not significant — not proof "
        "of no effect. Diamonds: fewer than 250 answers in a group (small sample). People who "
        "see more posts differ from those who see fewer, so the curve describes, it does not "
        "prove cause.",
        "fr": "Marqueurs pleins : l'intervalle exclut 0. Marqueurs vides : non significatif — ce "
        "n'est pas la preuve d'une absence d'effet. Losanges : moins de 250 réponses dans un "
        "groupe (petit échantillon). Les personnes qui voient plus de publications diffèrent des "
        "autres : la courbe décrit, elle ne prouve pas de causalité.",
    },
    "rx.col_n_exposed": {"en": "Exposed answers", "fr": "Réponses exposés"},
    "rx.col_n_control": {"en": "Control answers", "fr": "Réponses témoins"},
    "rx.col_exposed_rate": {"en": "Exposed rate", "fr": "Taux exposés"},
    "rx.col_control_rate": {"en": "Control rate", "fr": "Taux témoins"},
    "rx.col_lift": {"en": "Absolute lift", "fr": "Hausse absolue"},
    "rx.col_lift_help": {
        "en": "Exposed rate − control rate: a difference of shares (percentage points).",
        "fr": "Taux exposés − taux témoins : une différence de parts (points de pourcentage).",
    },
    "rx.col_ci_low": {"en": "Interval low", "fr": "Borne basse"},
    "rx.col_ci_high": {"en": "Interval high", "fr": "Borne haute"},
    "rx.col_chance_help": {
        "en": "The probability that the lift is above zero, read off its interval.",
        "fr": "La probabilité que la hausse soit positive, lue sur son intervalle.",
    },
    "rx.adstock_title": {
        "en": "Carry-over (geometric adstock)",
        "fr": "Effet de rémanence (adstock géométrique)",
    },
    "rx.fitted_on": {
        "en": "θ fitted on **{outcome}** against weekly **{input}** ({weeks} weeks with an "
        "outcome): A_t = x_t + θ·A_(t−1).",
        "fr": "θ ajusté sur **{outcome}** en fonction de **{input}** par semaine ({weeks} "
        "semaines avec un résultat) : A_t = x_t + θ·A_(t−1).",
    },
    "rx.outcome_survey": {
        "en": "the weekly positive-answer rate of the brand-lift survey",
        "fr": "le taux hebdomadaire de réponses positives de l'étude d'impact",
    },
    "rx.outcome_brand_channel": {
        "en": "the weekly views of the brand's own channel",
        "fr": "les vues hebdomadaires de la chaîne de la marque",
    },
    "rx.outcome_engagements": {
        "en": "the weekly engagements of the campaign's posts",
        "fr": "les interactions hebdomadaires des publications de la campagne",
    },
    "rx.input_spend": {"en": "spend", "fr": "dépenses"},
    "rx.input_posts": {"en": "posts", "fr": "publications"},
    "rx.theta_unfitted": {
        "en": "θ cannot be fitted: {reasons}.",
        "fr": "θ ne peut pas être ajusté : {reasons}.",
    },
    "rx.interval": {"en": "{confidence} interval", "fr": "Intervalle à {confidence}"},
    "rx.theta_help_profile": {
        "en": "Weekly carry-over rate: the share of a week's effect still at work a week later, "
        "fitted by least squares on the campaign's own weekly series (Broadbent 1979; Meta "
        "Robyn); interval from the profile likelihood.",
        "fr": "Taux de rémanence hebdomadaire : la part de l'effet d'une semaine encore active la "
        "semaine suivante, ajustée par moindres carrés sur les séries hebdomadaires de la "
        "campagne (Broadbent 1979 ; Meta Robyn) ; intervalle par la vraisemblance profilée.",
    },
    "rx.indicative_range": {"en": "Indicative range", "fr": "Plage indicative"},
    "rx.indicative_short": {
        "en": "Fewer than {weeks} weeks: this range is indicative, not a {confidence} interval.",
        "fr": "Moins de {weeks} semaines : cette plage est indicative, ce n'est pas un "
        "intervalle à {confidence}.",
    },
    "rx.indicative_limit": {
        "en": "The range reaches the largest θ tried ({limit}): this range is indicative, not a "
        "{confidence} interval.",
        "fr": "La plage atteint le plus grand θ essayé ({limit}) : cette plage est indicative, ce "
        "n'est pas un intervalle à {confidence}.",
    },
    "rx.adstock_method": {
        "en": "Methodology: the θ range is a profile-likelihood interval (the θ values whose "
        "least-squares fit is within an F-test of the best one; Bates & Watts 1988), widened when "
        "the weekly errors are autocorrelated. Checked by simulation: it holds its level on "
        "series of 12 weeks or more; on shorter series it is shown as indicative.",
        "fr": "Méthodologie : la plage de θ est un intervalle de vraisemblance profilée (les "
        "valeurs de θ dont l'ajustement par moindres carrés reste à un test F du meilleur ; "
        "Bates & Watts 1988), élargi quand les erreurs hebdomadaires sont autocorrélées. Vérifié "
        "par simulation : il tient son niveau sur des séries de 12 semaines ou plus ; sur des "
        "séries plus courtes, il est présenté comme indicatif.",
    },
    "rx.half_life": {"en": "Half-life", "fr": "Demi-vie"},
    "rx.half_life_help": {
        "en": "ln 0.5 / ln θ: weeks until half of an effect has worn off.",
        "fr": "ln 0,5 / ln θ : semaines avant que la moitié de l'effet se soit dissipée.",
    },
    "rx.weeks": {"en": "weeks", "fr": "semaines"},
    "rx.r_squared": {"en": "R² of the fit", "fr": "R² de l'ajustement"},
    "rx.r_squared_help": {
        "en": "Share of the weekly outcome's variance that a + b·A_t(θ) explains.",
        "fr": "Part de la variance du résultat hebdomadaire expliquée par a + b·A_t(θ).",
    },
    "rx.adstock_caption": {
        "en": "Left: share of one week's effect still at work k weeks later (θ^k), with the band "
        "of the θ interval and the half-life. Right: the weekly series θ was fitted on. "
        "Adstock uses the whole campaign; the date, platform and creator filters do not apply.",
        "fr": "À gauche : part de l'effet d'une semaine encore active k semaines plus tard "
        "(θ^k), avec la bande de l'intervalle de θ et la demi-vie. À droite : la série "
        "hebdomadaire sur laquelle θ est ajusté. L'adstock porte sur toute la campagne ; les "
        "filtres de dates, plateformes et créateurs ne s'y appliquent pas.",
    },
    # The same without the weekly series, which a link hiding costs does not chart.
    "rx.adstock_caption_decay_only": {
        "en": "Share of one week's effect still at work k weeks later (θ^k), with the band of the "
        "θ interval and the half-life. Adstock uses the whole campaign; the date, platform and "
        "creator filters do not apply.",
        "fr": "Part de l'effet d'une semaine encore active k semaines plus tard (θ^k), avec la "
        "bande de l'intervalle de θ et la demi-vie. L'adstock porte sur toute la campagne ; les "
        "filtres de dates, plateformes et créateurs ne s'y appliquent pas.",
    },
    "rx.chart_people": {"en": "People", "fr": "Personnes"},
    "rx.chart_share": {"en": "Share of people reached", "fr": "Part des personnes touchées"},
    "rx.chart_bucket": {"en": "Seen at least", "fr": "Vu au moins"},
    "rx.chart_exposures": {"en": "Exposures", "fr": "Expositions"},
    "rx.chart_lift": {"en": "Lift vs control", "fr": "Hausse vs témoins"},
    "rx.chart_interval": {"en": "Interval", "fr": "Intervalle"},
    "rx.chart_day": {"en": "Day", "fr": "Jour"},
    "rx.chart_cumulative_reach": {
        "en": "Cumulative unique reach",
        "fr": "Couverture unique cumulée",
    },
    "rx.chart_new_people": {"en": "Newly reached", "fr": "Nouvelles personnes"},
    "rx.chart_cumulative_frequency": {"en": "Cumulative frequency", "fr": "Répétition cumulée"},
    "rx.chart_weeks_after": {"en": "Weeks after", "fr": "Semaines après"},
    "rx.chart_carry_over": {"en": "Effect still at work", "fr": "Effet encore actif"},
    "rx.chart_theta_band": {"en": "θ interval", "fr": "Intervalle de θ"},
    "rx.chart_theta_band_indicative": {
        "en": "θ range (indicative)",
        "fr": "Plage de θ (indicative)",
    },
    "rx.chart_half_life": {"en": "half-life", "fr": "demi-vie"},
    "rx.chart_week": {"en": "Week", "fr": "Semaine"},
    "rx.chart_outcome": {"en": "Weekly outcome", "fr": "Résultat hebdomadaire"},
    "rx.chart_fitted": {"en": "Fitted a + b·A(θ)", "fr": "Ajusté a + b·A(θ)"},
    "rx.chart_input": {"en": "Weekly input", "fr": "Entrée hebdomadaire"},
    "cr.title": {"en": "Creators", "fr": "Créateurs"},
    "cr.caption": {
        "en": "Each creator's tenure, campaigns, posts, cost and engagement rate by reach, and "
        "whether results deepen as a relationship goes on.",
        "fr": "Ancienneté, campagnes, publications, coût et taux d'engagement sur la couverture "
        "de chaque créateur, et si les résultats progressent au fil de la relation.",
    },
    "cr.basis": {"en": "Count collaborations by", "fr": "Compter les collaborations par"},
    "cr.basis_campaign": {"en": "Campaign", "fr": "Campagne"},
    "cr.basis_post": {"en": "Post", "fr": "Publication"},
    "cr.basis_help": {
        "en": "Collaboration number: the rank of a creator's campaign (or post) for the same "
        "client, 1st, 2nd, 3rd…, over their whole history with that client.",
        "fr": "Numéro de collaboration : le rang d'une campagne (ou publication) d'un créateur "
        "pour le même client, 1re, 2e, 3e…, sur tout son historique avec ce client.",
    },
    "cr.question": {
        "en": "Does the relationship deepen results?",
        "fr": "La relation améliore-t-elle les résultats ?",
    },
    "cr.answer_rising": {
        "en": "**Yes.** Each further collaboration with the same client raises engagement rate "
        "by reach by {slope} on average ({confidence} interval {low} to {high}, "
        "{collaborations} collaborations of {pairs} creator–client pairs).",
        "fr": "**Oui.** Chaque collaboration supplémentaire avec le même client augmente le taux "
        "d'engagement sur la couverture de {slope} en moyenne (intervalle à {confidence} : {low} "
        "à {high}, {collaborations} collaborations de {pairs} paires créateur–client).",
    },
    "cr.answer_falling": {
        "en": "**No — results wear off.** Each further collaboration lowers engagement rate by "
        "reach by {slope} on average ({confidence} interval {low} to {high}, "
        "{collaborations} collaborations of {pairs} pairs).",
        "fr": "**Non — les résultats s'usent.** Chaque collaboration supplémentaire change le "
        "taux d'engagement sur la couverture de {slope} en moyenne (intervalle à {confidence} : "
        "{low} à {high}, {collaborations} collaborations de {pairs} paires).",
    },
    "cr.answer_inconclusive": {
        "en": "**Not established.** The estimated change per further collaboration is {slope}, "
        "but its {confidence} interval ({low} to {high}) includes 0: the data cannot tell a rise "
        "from a fall. This is not evidence that the relationship makes no difference.",
        "fr": "**Pas établi.** La variation estimée par collaboration supplémentaire est de "
        "{slope}, mais son intervalle à {confidence} ({low} à {high}) contient 0 : les données "
        "ne distinguent pas une hausse d'une baisse. Ce n'est pas la preuve que la relation ne "
        "change rien.",
    },
    "cr.answer_none": {
        "en": "**Cannot be answered yet**: {reason}. Repeat collaborations (the same creator "
        "for the same client) with reach and engagements are needed.",
        "fr": "**Pas encore de réponse** : {reason}. Il faut des collaborations répétées (le "
        "même créateur pour le même client) avec couverture et interactions.",
    },
    "cr.slope": {"en": "Change per collaboration", "fr": "Variation par collaboration"},
    "cr.slope_help": {
        "en": "Change in engagement rate by reach (points) per further collaboration, estimated "
        "within each creator–client pair so that rehiring good creators does not pass for a "
        "deepening relationship.",
        "fr": "Variation du taux d'engagement sur la couverture (points) par collaboration "
        "supplémentaire, estimée au sein de chaque paire créateur–client pour que le fait de "
        "réembaucher les bons créateurs ne passe pas pour une relation qui progresse.",
    },
    "cr.interval": {"en": "{confidence} interval", "fr": "Intervalle à {confidence}"},
    "cr.collaborations": {"en": "Collaborations", "fr": "Collaborations"},
    "cr.collab_help": {
        "en": "Collaborations (creator × campaign, or posts) with an engagement rate by reach.",
        "fr": "Collaborations (créateur × campagne, ou publications) avec un taux d'engagement "
        "sur la couverture.",
    },
    "cr.pairs": {"en": "Creator–client pairs", "fr": "Paires créateur–client"},
    "cr.pairs_help": {
        "en": "Distinct creator and client pairs the trend is estimated within.",
        "fr": "Paires créateur et client distinctes au sein desquelles la tendance est estimée.",
    },
    "cr.by_number_title": {
        "en": "Engagement rate by reach per collaboration number",
        "fr": "Taux d'engagement sur la couverture par numéro de collaboration",
    },
    "cr.trend_title": {
        "en": "Change per further collaboration, by creator",
        "fr": "Variation par collaboration supplémentaire, par créateur",
    },
    "cr.trend_caption": {
        "en": "Intervals are t-intervals at the chosen confidence; open markers have no interval "
        "or rest on fewer than 5 collaborations (small sample). An interval that includes 0 is "
        "not significant — not proof of no effect.",
        "fr": "Les intervalles sont des intervalles t au niveau de confiance choisi ; les "
        "marqueurs vides n'ont pas d'intervalle ou reposent sur moins de 5 collaborations "
        "(petit échantillon). Un intervalle qui contient 0 est non significatif — ce n'est pas "
        "la preuve d'une absence d'effet.",
    },
    "cr.no_rates": {
        "en": "No collaboration reports both reach and engagements under these filters.",
        "fr": "Aucune collaboration ne déclare à la fois couverture et interactions sous ces "
        "filtres.",
    },
    "cr.no_trend": {
        "en": "No creator has two collaborations with the same client under these filters.",
        "fr": "Aucun créateur n'a deux collaborations avec le même client sous ces filtres.",
    },
    "cr.trends_table": {"en": "Trend per creator (table)", "fr": "Tendance par créateur (table)"},
    "cr.per_creator": {"en": "Per creator", "fr": "Par créateur"},
    "cr.col_number": {"en": "Collaboration no.", "fr": "N° de collaboration"},
    "cr.col_posts": {"en": "Posts", "fr": "Publications"},
    "cr.col_posts_help": {
        "en": "Campaign posts of this creator under the filters.",
        "fr": "Publications de campagne de ce créateur sous ces filtres.",
    },
    "cr.col_mean_er": {
        "en": "Mean engagement rate by reach",
        "fr": "Taux d'engagement moyen sur la couverture",
    },
    "cr.col_ci_low": {"en": "Interval low", "fr": "Borne basse"},
    "cr.col_ci_high": {"en": "Interval high", "fr": "Borne haute"},
    "cr.col_reason": {"en": "Why no value", "fr": "Pourquoi pas de valeur"},
    "cr.col_handle": {"en": "Creator", "fr": "Créateur"},
    "cr.col_platform": {"en": "Platform", "fr": "Plateforme"},
    "cr.col_relative_slope": {"en": "Relative change", "fr": "Variation relative"},
    "cr.col_relative_slope_help": {
        "en": "Change per collaboration / mean engagement rate by reach.",
        "fr": "Variation par collaboration / taux d'engagement moyen sur la couverture.",
    },
    "cr.col_direction": {"en": "Direction", "fr": "Sens"},
    "cr.col_first": {"en": "First post", "fr": "Première publication"},
    "cr.col_last": {"en": "Last post", "fr": "Dernière publication"},
    "cr.col_tenure": {"en": "Tenure (days)", "fr": "Ancienneté (jours)"},
    "cr.col_tenure_help": {
        "en": "Last posting date − first posting date under the filters.",
        "fr": "Date de la dernière publication − date de la première sous ces filtres.",
    },
    "cr.col_clients": {"en": "Clients", "fr": "Clients"},
    "cr.col_cost": {"en": "Cost", "fr": "Coût"},
    "cr.col_cost_help": {
        "en": "Σ creator fees (posts.cost); paid amplification is not attributed to creators.",
        "fr": "Σ des cachets (posts.cost) ; l'amplification payante n'est pas attribuée aux "
        "créateurs.",
    },
    "cr.col_currency": {"en": "Currency", "fr": "Devise"},
    "cr.col_er_reach": {
        "en": "Engagement rate by reach (not followers)",
        "fr": "Taux d'engagement sur la couverture (pas les abonnés)",
    },
    "cr.col_lift": {"en": "Brand lift", "fr": "Impact de marque"},
    "cr.col_lift_help": {
        "en": "Lift per creator needs survey respondents linked to this creator's posts; here is "
        "why it is not shown.",
        "fr": "Un impact par créateur demande des répondants reliés aux publications de ce "
        "créateur ; voici pourquoi il n'est pas affiché.",
    },
    "cr.col_followers": {"en": "Followers", "fr": "Abonnés"},
    "cr.col_followers_help": {
        "en": "Latest known follower count (context only: rates here use reach).",
        "fr": "Dernier nombre d'abonnés connu (contexte seulement : les taux utilisent la "
        "couverture).",
    },
    "cr.col_cost_reason": {"en": "Why no cost", "fr": "Pourquoi pas de coût"},
    "cr.col_er_reason": {"en": "Why no rate", "fr": "Pourquoi pas de taux"},
    "cr.chart_er_reach": {
        "en": "Engagement rate by reach",
        "fr": "Taux d'engagement sur la couverture",
    },
    "cr.chart_creator": {"en": "Creator", "fr": "Créateur"},
    "cr.chart_collaboration_number": {"en": "Collaboration no.", "fr": "N° de collaboration"},
    "cr.chart_collaborations": {"en": "Collaborations", "fr": "Collaborations"},
    "cr.chart_interval": {"en": "Interval", "fr": "Intervalle"},
    "cr.chart_slope": {"en": "Change per collaboration", "fr": "Variation par collaboration"},
    "cr.chart_overall": {"en": "All creators", "fr": "Tous les créateurs"},
    "cr.chart_no_interval": {"en": "no interval", "fr": "pas d'intervalle"},
    "dc.title": {"en": "Disclosure", "fr": "Transparence"},
    "dc.caption": {
        "en": "Is each sponsored post disclosed as advertising? Read from the exported title, "
        "caption and platform label.",
        "fr": "Chaque publication sponsorisée est-elle signalée comme publicité ? Lu dans le "
        "titre, la légende et le label de la plateforme exportés.",
    },
    "dc.no_posts": {
        "en": "No sponsored post under these filters: widen the dates or clear a filter.",
        "fr": "Aucune publication sponsorisée sous ces filtres : élargissez les dates ou retirez "
        "un filtre.",
    },
    "dc.sponsored_posts": {"en": "Sponsored posts", "fr": "Publications sponsorisées"},
    "dc.sponsored_help": {
        "en": "Posts flagged sponsored, or attached to a campaign when the flag is unknown.",
        "fr": "Publications marquées sponsorisées, ou rattachées à une campagne si l'indication "
        "manque.",
    },
    "dc.status_disclosed": {"en": "Disclosed", "fr": "Signalé"},
    "dc.status_ambiguous": {"en": "Ambiguous", "fr": "Ambigu"},
    "dc.status_missing": {"en": "Missing", "fr": "Absent"},
    "dc.disclosed_help": {
        "en": "Platform paid-partnership label, or a clear mention: Publicité, Collaboration "
        "commerciale, #pub, #publicité, #sponsorisé, #partenariat, #ad, #sponsored, "
        '"paid partnership".',
        "fr": "Label de partenariat rémunéré de la plateforme, ou mention claire : Publicité, "
        "Collaboration commerciale, #pub, #publicité, #sponsorisé, #partenariat, #ad, "
        "#sponsored, « paid partnership ».",
    },
    "dc.ambiguous_help": {
        "en": 'Only a vague mention: #collab, #partner, #gifted, "merci à", "thanks to".',
        "fr": "Seulement une mention vague : #collab, #partner, #gifted, « merci à », "
        "« thanks to ».",
    },
    "dc.missing_help": {
        "en": "No label and no mention found in the exported text.",
        "fr": "Ni label ni mention dans le texte exporté.",
    },
    "dc.share_help": {
        "en": "Share = posts with this status / sponsored posts.",
        "fr": "Part = publications de ce statut / publications sponsorisées.",
    },
    "dc.by_creator": {"en": "By creator", "fr": "Par créateur"},
    "dc.by_campaign": {"en": "By campaign", "fr": "Par campagne"},
    "dc.chart_share": {
        "en": "Share of sponsored posts",
        "fr": "Part des publications sponsorisées",
    },
    "dc.col_handle": {"en": "Creator", "fr": "Créateur"},
    "dc.col_platform": {"en": "Platform", "fr": "Plateforme"},
    "dc.col_without_text": {"en": "Without text", "fr": "Sans texte"},
    "dc.col_without_text_help": {
        "en": 'Posts with neither text nor label: "missing" may then mean "not exported".',
        "fr": "Publications sans texte ni label : « absent » peut alors vouloir dire « non "
        "exporté ».",
    },
    "dc.col_note": {"en": "Note", "fr": "Remarque"},
    "dc.posts_title": {"en": "Each sponsored post", "fr": "Chaque publication sponsorisée"},
    "dc.status_filter": {"en": "Show statuses", "fr": "Statuts affichés"},
    "dc.all_statuses": {"en": "All statuses", "fr": "Tous les statuts"},
    "dc.col_post": {"en": "Post", "fr": "Publication"},
    "dc.col_posted": {"en": "Posted", "fr": "Publiée le"},
    "dc.col_status": {"en": "Status", "fr": "Statut"},
    "dc.col_status_help": {
        "en": "Disclosed, ambiguous or missing: see the rules below.",
        "fr": "Signalé, ambigu ou absent : voir les règles ci-dessous.",
    },
    "dc.col_rule": {"en": "Matched rule", "fr": "Règle appliquée"},
    "dc.col_rule_help": {
        "en": "The rule that decided the status; {label} = the platform's paid-partnership label.",
        "fr": "La règle qui a décidé du statut ; {label} = le label de partenariat rémunéré de "
        "la plateforme.",
    },
    "dc.col_language": {"en": "Rule language", "fr": "Langue de la règle"},
    "dc.col_has_text": {"en": "Has text", "fr": "A du texte"},
    "dc.col_label": {"en": "Platform label", "fr": "Label plateforme"},
    "dc.col_label_help": {
        "en": "The platform's paid-partnership label was set on the post.",
        "fr": "Le label de partenariat rémunéré de la plateforme était activé.",
    },
    "dc.rules_title": {
        "en": "What counts as disclosed (FR and EN)",
        "fr": "Ce qui compte comme signalé (FR et EN)",
    },
    "dc.rules_intro": {
        "en": "A post is **disclosed** when the platform's paid-partnership label is set "
        "or a clear rule matches; **ambiguous** when only a vague rule matches; "
        "**missing** otherwise. Text is compared lower-cased, without accents or links; hashtags "
        "must be whole tags. French rules follow loi n° 2023-451 (art. 5), English ones the "
        "FTC's Disclosures 101.",
        "fr": "Une publication est **signalée** quand le label de partenariat rémunéré est "
        "activé ou qu'une règle claire s'applique ; **ambiguë** quand seule une "
        "règle vague s'applique ; **absente** sinon. Le texte est comparé en minuscules, sans "
        "accents ni liens ; un hashtag doit être entier. Règles françaises : loi n° 2023-451 "
        "(art. 5) ; anglaises : Disclosures 101 de la FTC.",
    },
    "dc.col_pattern": {"en": "Pattern", "fr": "Motif"},
    "dc.col_pattern_help": {
        "en": "Regular expression (RE2) applied to the normalised text.",
        "fr": "Expression régulière (RE2) appliquée au texte normalisé.",
    },
    "dc.col_example": {"en": "Matches", "fr": "Reconnu"},
    "dc.col_near_miss": {"en": "Does not match", "fr": "Non reconnu"},
    "dc.col_near_miss_help": {
        "en": "A near miss the rule deliberately leaves out.",
        "fr": "Un cas proche que la règle écarte volontairement.",
    },
    # Compare over time
    "compare_title": {"en": "Compare over time", "fr": "Comparer dans le temps"},
    "compare_caption": {
        "en": "Campaigns side by side, indexed on {benchmark} (= 100), and week by week since "
        "launch against it.",
        "fr": "Les campagnes côte à côte, indexées sur {benchmark} (= 100), et semaine par semaine "
        "depuis le lancement face à elle.",
    },
    # Whose median a campaign is indexed on: every client's in the agency's view, the client's
    # own in a client's link, so one name always means one number.
    "bench.agency": {
        "en": "the median campaign of all your clients",
        "fr": "la campagne médiane de tous vos clients",
    },
    "bench.client": {
        "en": "this client's median campaign",
        "fr": "la campagne médiane de ce client",
    },
    "bench.agency_short": {"en": "All clients' median", "fr": "Médiane de tous les clients"},
    "bench.client_short": {"en": "This client's median", "fr": "Médiane de ce client"},
    "compare_campaigns": {"en": "Campaigns to compare", "fr": "Campagnes à comparer"},
    "compare_campaigns_help": {
        "en": "Pick 2 to 10 campaigns. The index is taken on {benchmark}.",
        "fr": "Choisissez de 2 à 10 campagnes. L'indice est pris sur {benchmark}.",
    },
    "compare_metric": {"en": "Metric", "fr": "Indicateur"},
    "compare_pick_two": {
        "en": "Pick at least two campaigns to compare.",
        "fr": "Choisissez au moins deux campagnes à comparer.",
    },
    "compare_side_by_side": {"en": "Side by side", "fr": "Côte à côte"},
    "compare_indexed": {
        "en": "Indexed ({benchmark} = 100)",
        "fr": "Indice ({benchmark} = 100)",
    },
    "compare_indexed_help": {
        "en": "Index = campaign value / the value of {benchmark} × 100 (campaigns with a value).",
        "fr": "Indice = valeur de la campagne / valeur de {benchmark} × 100 (campagnes ayant une "
        "valeur).",
    },
    "compare_weekly": {
        "en": "Week by week since launch",
        "fr": "Semaine par semaine depuis le lancement",
    },
    "compare_weekly_help": {
        "en": "Week 0 starts at the campaign's start date or first post, whichever is earlier. "
        "Values are cumulative to date; the dashed line is {benchmark}, over the campaigns that "
        "reached that week (shown from 3 campaigns).",
        "fr": "La semaine 0 commence à la date de début ou à la première publication, la plus "
        "précoce des deux. Valeurs cumulées à date ; la ligne pointillée est {benchmark}, parmi les "
        "campagnes ayant atteint cette semaine (affichée à partir de 3 campagnes).",
    },
    "compare_week": {"en": "Week since launch", "fr": "Semaine depuis le lancement"},
    "compare_median_value": {
        "en": "{benchmark}: {value} (over {n} campaigns)",
        "fr": "{benchmark} : {value} (sur {n} campagnes)",
    },
    "compare_index": {"en": "Index", "fr": "Indice"},
    "compare_value": {"en": "Value", "fr": "Valeur"},
    "compare_week_value": {"en": "That week", "fr": "Cette semaine"},
    "compare_cumulative": {"en": "Cumulative to date", "fr": "Cumul à date"},
    "compare_campaigns_count": {"en": "Campaigns in the median", "fr": "Campagnes dans la médiane"},
    "compare_launch": {"en": "Launch (week 0)", "fr": "Lancement (semaine 0)"},
    "compare_provenance": {"en": "Provenance", "fr": "Provenance"},
    "compare_reason": {"en": "Why missing", "fr": "Pourquoi absent"},
    "compare_timing": {"en": "Placed in time by", "fr": "Placé dans le temps par"},
    "compare_timing_help": {
        "en": "daily: per-day rows of the exports; posting_date: a post's lifetime totals placed on "
        "its posting day (shape estimated); paid_spread: ad spend spread evenly over its dates; "
        "response_date: survey answers on their day.",
        "fr": "daily : lignes quotidiennes des exports ; posting_date : totaux d'une publication "
        "placés le jour de sa publication (forme estimée) ; paid_spread : dépenses publicitaires "
        "réparties sur leurs dates ; response_date : réponses d'enquête à leur date.",
    },
    "compare_lower_is_better": {
        "en": "For this metric, lower is better: an index under 100 beats the median campaign.",
        "fr": "Pour cet indicateur, plus bas vaut mieux : un indice sous 100 bat la campagne "
        "médiane.",
    },
    "compare_mixed_units": {
        "en": "These campaigns use different currencies: their costs are not comparable.",
        "fr": "Ces campagnes utilisent des devises différentes : leurs coûts ne sont pas "
        "comparables.",
    },
    "compare_no_series": {
        "en": "No week-by-week data for these campaigns and this metric.",
        "fr": "Aucune donnée hebdomadaire pour ces campagnes et cet indicateur.",
    },
    # Access: share links and admin sign-in
    "share.invalid_title": {
        "en": "This link is no longer valid",
        "fr": "Ce lien n'est plus valide",
    },
    "share.invalid_body": {
        "en": "Ask the agency that sent it for a new link.",
        "fr": "Demandez un nouveau lien à l'agence qui vous l'a envoyé.",
    },
    "share.banner": {
        "en": ":material/visibility: Shared view for {client}, read-only. Link valid until {until}.",
        "fr": ":material/visibility: Vue partagée pour {client}, en lecture seule. Lien valable jusqu'au {until}.",
    },
    "share.banner_no_expiry": {
        "en": ":material/visibility: Shared view for {client}, read-only.",
        "fr": ":material/visibility: Vue partagée pour {client}, en lecture seule.",
    },
    "share.out_of_scope": {
        "en": "This view is not part of the shared link.",
        "fr": "Cette vue ne fait pas partie du lien partagé.",
    },
    "share.error": {
        "en": "This view could not be shown. Please tell the agency that sent the link.",
        "fr": "Cette vue n'a pas pu s'afficher. Merci de le signaler à l'agence qui a envoyé le lien.",
    },
    "sl.title": {"en": "Share links", "fr": "Liens de partage"},
    "sl.caption": {
        "en": "A link opens a read-only view of one client's campaigns: no upload, no other "
        "client, no admin page. Only a hash of its token is stored, so a link is shown once.",
        "fr": "Un lien ouvre une vue en lecture seule des campagnes d'un client : ni chargement, "
        "ni autre client, ni page d'administration. Seule l'empreinte du jeton est conservée : "
        "le lien n'est affiché qu'une fois.",
    },
    "sl.new": {"en": "New link", "fr": "Nouveau lien"},
    "sl.campaigns_help": {
        "en": "Leave empty for every campaign the client has today.",
        "fr": "Laissez vide pour toutes les campagnes actuelles du client.",
    },
    "sl.sections": {"en": "Sections shown", "fr": "Sections affichées"},
    "sl.hide_costs": {"en": "Hide costs and budgets", "fr": "Masquer coûts et budgets"},
    "sl.hide_costs_help": {
        "en": "Fees, ad spend, budgets, CPM, CPE, CPV, CPC and cost per lifted user are left out "
        "of every page, table and download.",
        "fr": "Rémunérations, dépenses, budgets, CPM, CPE, CPV, CPC et coût par personne "
        "convaincue sont retirés de chaque page, tableau et téléchargement.",
    },
    "sl.days": {"en": "Valid for (days)", "fr": "Valable (jours)"},
    "sl.never": {"en": "Never expires", "fr": "Sans expiration"},
    "sl.label": {"en": "Label (for you)", "fr": "Libellé (pour vous)"},
    "sl.label_help": {
        "en": 'Who receives it, e.g. "Marketing director, Q3 review".',
        "fr": "Qui le reçoit, par exemple « Directrice marketing, bilan T3 ».",
    },
    "sl.create": {"en": "Create link", "fr": "Créer le lien"},
    "sl.created": {
        "en": "Link {id} created. Copy it now: it cannot be shown again.",
        "fr": "Lien {id} créé. Copiez-le maintenant : il ne pourra plus être affiché.",
    },
    "sl.existing": {"en": "Links", "fr": "Liens"},
    "sl.none": {"en": "No share link yet.", "fr": "Aucun lien de partage pour l'instant."},
    "sl.revoke": {"en": "Revoke", "fr": "Révoquer"},
    "sl.revoke_pick": {"en": "Link to revoke", "fr": "Lien à révoquer"},
    "sl.revoked": {
        "en": 'Link {id} revoked: it shows "no longer valid" from the client\'s next click.',
        "fr": "Lien {id} révoqué : il affiche « plus valide » dès le prochain clic du client.",
    },
    "section.overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "section.perception": {"en": "Perception", "fr": "Perception"},
    "section.consideration": {"en": "Consideration", "fr": "Considération"},
    "section.recall": {"en": "Recall", "fr": "Mémorisation"},
    "section.repeat_exposure": {"en": "Repeat exposure", "fr": "Exposition répétée"},
    "section.creators": {"en": "Creators", "fr": "Créateurs"},
    "section.compare": {"en": "Compare over time", "fr": "Comparer dans le temps"},
    "section.disclosure": {"en": "Disclosure", "fr": "Transparence"},
    "signin.title": {"en": "Sign in", "fr": "Connexion"},
    "signin.password": {"en": "Admin password", "fr": "Mot de passe administrateur"},
    "signin.submit": {"en": "Sign in", "fr": "Se connecter"},
    "signin.wrong": {"en": "Wrong password.", "fr": "Mot de passe incorrect."},
    "signin.too_soon": {
        "en": "Too many sign-in attempts. Try again in {seconds} s.",
        "fr": "Trop de tentatives de connexion. Réessayez dans {seconds} s.",
    },
    "signin.locked": {
        "en": "Too many sign-in attempts. Try again in {minutes} min.",
        "fr": "Trop de tentatives de connexion. Réessayez dans {minutes} min.",
    },
    "signin.sign_out": {"en": "Sign out", "fr": "Se déconnecter"},
    # Upload page: destination chosen by the user, column mapping of an unknown file
    "up.choose_client": {"en": "Choose a client…", "fr": "Choisissez un client…"},
    "up.choose_campaign": {"en": "Choose a campaign…", "fr": "Choisissez une campagne…"},
    "up.missing_client": {"en": "choose a client", "fr": "choisissez un client"},
    "up.missing_new_client": {
        "en": "type the new client's name",
        "fr": "saisissez le nom du nouveau client",
    },
    "up.missing_campaign": {"en": "choose a campaign", "fr": "choisissez une campagne"},
    "up.missing_new_campaign": {
        "en": "type the new campaign's name",
        "fr": "saisissez le nom de la nouvelle campagne",
    },
    "up.missing_account": {
        "en": "type the account's handle",
        "fr": "saisissez le nom du compte",
    },
    "up.to_load_steps": {"en": "To load, {items}.", "fr": "Pour charger, {items}."},
    "up.account": {"en": "Account handle *", "fr": "Nom du compte *"},
    "up.account_help": {
        "en": "The @handle of the account whose export this is, as on the platform.",
        "fr": "Le @nom du compte dont provient cet export, tel que sur la plateforme.",
    },
    "up.account_why": {
        "en": "TikTok Overview and Viewers exports hold one account's daily totals without "
        "naming the account: say whose they are.",
        "fr": "Les exports TikTok Overview et Viewers donnent les totaux quotidiens d'un compte "
        "sans le nommer : indiquez de quel compte il s'agit.",
    },
    "up.or": {"en": " or ", "fr": " ou "},
    "map.columns": {"en": "Columns", "fr": "Colonnes"},
    "map.required_note": {
        "en": "\\* needed by the metrics; a value for the whole file can stand in for a missing "
        "column. Sillage saves this mapping and applies it by itself to the next file with the "
        "same columns.",
        "fr": "\\* nécessaire aux indicateurs ; une valeur pour tout le fichier peut remplacer "
        "une colonne absente. Sillage enregistre cette association et l'applique d'elle-même au "
        "prochain fichier aux mêmes colonnes.",
    },
    "map.one_of": {
        "en": "Choose a column for at least one of: {fields}.",
        "fr": "Choisissez une colonne pour au moins un de ces champs : {fields}.",
    },
    "map.need_account": {
        "en": "Give the account's handle: this export does not name it.",
        "fr": "Indiquez le nom du compte : cet export ne le donne pas.",
    },
    "map.need_groups": {
        "en": "Say which labels of the group column are the exposed group and which the control "
        "group, or give the whole file one group.",
        "fr": "Indiquez quelles valeurs de la colonne de groupe désignent le groupe exposé et "
        "lesquelles le groupe témoin, ou attribuez un seul groupe à tout le fichier.",
    },
    "map.both_groups": {
        "en": "“{label}” cannot be both exposed and control.",
        "fr": "« {label} » ne peut pas être à la fois exposé et témoin.",
    },
    "map.need_positive": {
        "en": "Tick at least one positive answer for “{header}”, or set it to not a question.",
        "fr": "Cochez au moins une réponse positive pour « {header} », ou indiquez que ce n'est "
        "pas une question.",
    },
    "map.one_per_metric": {
        "en": "{metric} is given to several columns: keep one (one-hot columns of one question "
        "count as one).",
        "fr": "{metric} est attribué à plusieurs colonnes : n'en gardez qu'une (les colonnes à "
        "cocher d'une même question comptent pour une).",
    },
    "map.need_question": {
        "en": "Give at least one question column a metric.",
        "fr": "Attribuez un indicateur à au moins une colonne de question.",
    },
    "map.value_none": {"en": "Not in the file", "fr": "Absent du fichier"},
    "map.value_help": {
        "en": "When the file has no such column: one value for every row of the file.",
        "fr": "Quand le fichier n'a pas cette colonne : une seule valeur pour toutes ses lignes.",
    },
    "map.value_platform": {
        "en": "Platform of the whole file",
        "fr": "Plateforme de tout le fichier",
    },
    "map.platform_other": {"en": "Other", "fr": "Autre"},
    "map.value_creator": {
        "en": "Creator or account of the whole file",
        "fr": "Créateur ou compte de tout le fichier",
    },
    "map.value_campaign": {
        "en": "Campaign of the whole file",
        "fr": "Campagne de tout le fichier",
    },
    "map.value_as_of": {"en": "Snapshot date", "fr": "Date de l'export"},
    "map.value_as_of_help": {
        "en": "The day the lifetime totals were exported; left empty, the day of this upload.",
        "fr": "Le jour où les totaux cumulés ont été exportés ; vide, le jour de ce chargement.",
    },
    "map.value_group": {
        "en": "Group of the whole file",
        "fr": "Groupe de tout le fichier",
    },
    "map.value_group_help": {
        "en": "When exposed and control come in separate files: this whole file is one group.",
        "fr": "Quand exposés et témoins arrivent dans des fichiers séparés : tout ce fichier "
        "forme un seul groupe.",
    },
    "map.group_exposed": {"en": "Exposed", "fr": "Exposé"},
    "map.group_control": {"en": "Control", "fr": "Témoin"},
    "map.groups": {"en": "Groups", "fr": "Groupes"},
    "map.group_exposed_labels": {
        "en": "Labels of the exposed group",
        "fr": "Valeurs du groupe exposé",
    },
    "map.group_control_labels": {
        "en": "Labels of the control group",
        "fr": "Valeurs du groupe témoin",
    },
    "map.groups_help": {
        "en": "The values of the group column, with their number of rows. Pre-filled from usual "
        "names (exposed, test, control, holdout, témoin); rows with other values are left out.",
        "fr": "Les valeurs de la colonne de groupe, avec leur nombre de lignes. Préremplies "
        "d'après les noms usuels (exposé, test, control, holdout, témoin) ; les lignes aux "
        "autres valeurs sont écartées.",
    },
    "map.questions": {"en": "Questions", "fr": "Questions"},
    "map.questions_help": {
        "en": "Columns that read as survey questions, with the metric guessed from their words. "
        "Set a column to no metric to leave it out.",
        "fr": "Les colonnes qui se lisent comme des questions d'enquête, avec l'indicateur deviné "
        "d'après leurs mots. Retirez l'indicateur d'une colonne pour l'écarter.",
    },
    "map.more_questions": {
        "en": "Other question columns",
        "fr": "Autres colonnes de questions",
    },
    "map.more_questions_placeholder": {
        "en": "Add a column Sillage did not list",
        "fr": "Ajoutez une colonne que Sillage n'a pas listée",
    },
    "map.metric": {"en": "Metric", "fr": "Indicateur"},
    "map.not_a_question": {
        "en": "Not a brand-lift question",
        "fr": "Pas une question de brand lift",
    },
    "map.metric_ad_recall": {"en": "Ad recall", "fr": "Mémorisation publicitaire"},
    "map.metric_awareness": {"en": "Awareness", "fr": "Notoriété"},
    "map.metric_consideration": {"en": "Consideration", "fr": "Considération"},
    "map.metric_favorability": {"en": "Favorability", "fr": "Opinion favorable"},
    "map.metric_purchase_intent": {"en": "Purchase intent", "fr": "Intention d'achat"},
    "map.metric_preference": {"en": "Preference", "fr": "Préférence"},
    "map.positive": {"en": "Positive answers", "fr": "Réponses positives"},
    "map.positive_help": {
        "en": "Every answer in the file, with its number of respondents. Ticked at first: yes / "
        "oui, the top two points of a 1–5, 1–7 or 0–10 scale (4–5, 6–7, 9–10), and the two most "
        "positive Likert answers (strongly agree and agree, very likely and likely, tout à fait "
        "and plutôt d'accord). Tick what your study counts as positive; other answers count as "
        "negative, blank cells as no answer.",
        "fr": "Chaque réponse du fichier, avec son nombre de répondants. Cochées d'abord : yes / "
        "oui, les deux points les plus hauts d'une échelle de 1 à 5, 1 à 7 ou 0 à 10 (4–5, 6–7, "
        "9–10), et les deux réponses de Likert les plus positives (tout à fait et plutôt "
        "d'accord, très probable et probable, strongly agree et agree). Cochez ce que votre "
        "étude compte comme positif ; les autres réponses comptent comme négatives, les cases "
        "vides comme sans réponse.",
    },
    "map.no_answers": {
        "en": "No answer in this column.",
        "fr": "Aucune réponse dans cette colonne.",
    },
    "map.flag_role": {"en": "A ticked cell is", "fr": "Une case cochée est"},
    "map.flag_positive": {"en": "positive", "fr": "positive"},
    "map.flag_negative": {"en": "negative", "fr": "négative"},
    "map.flag_help": {
        "en": "A one-hot column: the cell is filled when the respondent chose this option. "
        "Columns of one metric are read together; a respondent who ticked none of them has no "
        "answer.",
        "fr": "Une colonne à cocher : la case est remplie quand le répondant a choisi cette "
        "option. Les colonnes d'un même indicateur sont lues ensemble ; un répondant qui n'en a "
        "coché aucune est sans réponse.",
    },
    "map.flag_values": {"en": "Values: {values}", "fr": "Valeurs : {values}"},
    "map.json_title": {
        "en": "This mapping as JSON",
        "fr": "Cette association en JSON",
    },
    "map.json_help": {
        "en": "The file `sillage ingest --mapping MAP.json` reads: load files with these columns "
        "from a script, without the page.",
        "fr": "Le fichier que lit `sillage ingest --mapping MAP.json` : chargez les fichiers à "
        "ces colonnes depuis un script, sans passer par la page.",
    },
    "map.json_download": {"en": "Download the mapping", "fr": "Télécharger l'association"},
    "map.field.account_id": {"en": "Account id", "fr": "Identifiant du compte"},
    "map.field.ad_name": {"en": "Ad name", "fr": "Nom de la publicité"},
    "map.field.adset_name": {"en": "Ad set name", "fr": "Nom de l'ensemble de publicités"},
    "map.field.author": {"en": "Author", "fr": "Auteur"},
    "map.field.campaign_name": {"en": "Campaign name", "fr": "Nom de la campagne"},
    "map.field.campaign_ref": {"en": "Campaign", "fr": "Campagne"},
    "map.field.caption": {"en": "Caption", "fr": "Légende"},
    "map.field.clicks": {"en": "Clicks", "fr": "Clics"},
    "map.field.comment_id": {"en": "Comment id", "fr": "Identifiant du commentaire"},
    "map.field.comments": {"en": "Comments", "fr": "Commentaires"},
    "map.field.control_rate": {"en": "Control rate", "fr": "Taux du groupe témoin"},
    "map.field.control_respondents": {
        "en": "Control respondents",
        "fr": "Répondants du groupe témoin",
    },
    "map.field.cost": {"en": "Cost", "fr": "Coût"},
    "map.field.created_at": {"en": "Created at", "fr": "Date de création"},
    "map.field.ctr": {"en": "Click-through rate", "fr": "Taux de clics"},
    "map.field.data_comment": {"en": "Data comment", "fr": "Commentaire sur les données"},
    "map.field.date_end": {"en": "Date end", "fr": "Date de fin"},
    "map.field.date_start": {"en": "Date start", "fr": "Date de début"},
    "map.field.display_name": {"en": "Display name", "fr": "Nom affiché"},
    "map.field.duration_seconds": {"en": "Duration (seconds)", "fr": "Durée (secondes)"},
    "map.field.exported_at": {"en": "Exported at", "fr": "Date d'export"},
    "map.field.exposed_at": {"en": "Exposed at", "fr": "Date d'exposition"},
    "map.field.exposed_rate": {"en": "Exposed rate", "fr": "Taux du groupe exposé"},
    "map.field.exposed_respondents": {
        "en": "Exposed respondents",
        "fr": "Répondants du groupe exposé",
    },
    "map.field.exposures": {"en": "Exposures", "fr": "Expositions"},
    "map.field.followers": {"en": "Followers", "fr": "Abonnés"},
    "map.field.follows": {"en": "Follows", "fr": "Nouveaux abonnements"},
    "map.field.format": {"en": "Format", "fr": "Format"},
    "map.field.frequency": {"en": "Frequency", "fr": "Répétition"},
    "map.field.group": {"en": "Group", "fr": "Groupe"},
    "map.field.handle": {"en": "Creator handle", "fr": "Compte du créateur"},
    "map.field.impressions": {"en": "Impressions", "fr": "Impressions"},
    "map.field.language": {"en": "Language", "fr": "Langue"},
    "map.field.likes": {"en": "Likes", "fr": "J'aime"},
    "map.field.link_clicks": {"en": "Link clicks", "fr": "Clics sur un lien"},
    "map.field.metric_date": {"en": "Metric date", "fr": "Jour"},
    "map.field.native_id": {"en": "Post id", "fr": "Identifiant de la publication"},
    "map.field.new_viewers": {"en": "New viewers", "fr": "Nouveaux spectateurs"},
    "map.field.paid_partnership_label": {
        "en": "Paid partnership label",
        "fr": "Mention de partenariat rémunéré",
    },
    "map.field.period_label": {"en": "Period", "fr": "Période"},
    "map.field.person_id": {"en": "Person id (hashed)", "fr": "Identifiant de la personne (haché)"},
    "map.field.platform": {"en": "Platform", "fr": "Plateforme"},
    "map.field.positive": {"en": "Positive", "fr": "Positif"},
    "map.field.positive_count": {"en": "Positive count", "fr": "Nombre de réponses positives"},
    "map.field.positive_rate": {"en": "Positive rate", "fr": "Taux de réponses positives"},
    "map.field.post_ref": {"en": "Post (id or link)", "fr": "Publication (identifiant ou lien)"},
    "map.field.posted_at": {"en": "Posted at", "fr": "Date de publication"},
    "map.field.profile_views": {"en": "Profile views", "fr": "Vues du profil"},
    "map.field.profile_visits": {"en": "Profile visits", "fr": "Visites du profil"},
    "map.field.question": {"en": "Question", "fr": "Question"},
    "map.field.raw_answer": {"en": "Raw answer", "fr": "Réponse brute"},
    "map.field.reach": {"en": "Reach", "fr": "Couverture"},
    "map.field.responded_at": {"en": "Responded at", "fr": "Date de réponse"},
    "map.field.respondent_id": {"en": "Respondent id", "fr": "Identifiant du répondant"},
    "map.field.respondents": {"en": "Respondents", "fr": "Répondants"},
    "map.field.results": {"en": "Results", "fr": "Résultats"},
    "map.field.returning_viewers": {"en": "Returning viewers", "fr": "Spectateurs récurrents"},
    "map.field.saves": {"en": "Saves", "fr": "Enregistrements"},
    "map.field.shares": {"en": "Shares", "fr": "Partages"},
    "map.field.spend": {"en": "Spend", "fr": "Montant dépensé"},
    "map.field.subscribers": {"en": "Subscribers", "fr": "Abonnés"},
    "map.field.text": {"en": "Text", "fr": "Texte"},
    "map.field.title": {"en": "Title", "fr": "Titre"},
    "map.field.total_viewers": {"en": "Total viewers", "fr": "Total des spectateurs"},
    "map.field.url": {"en": "Link", "fr": "Lien"},
    "map.field.views": {"en": "Views", "fr": "Vues"},
    "map.field.watch_time_hours": {
        "en": "Watch time (hours)",
        "fr": "Durée de visionnage (heures)",
    },
    "map.field.weight": {"en": "Weight", "fr": "Poids"},
    # Sponsored or organic (ui/sponsorship.py, pages/disclosure.py)
    "sp.choice": {
        "en": "Which posts of this file are sponsored?",
        "fr": "Quelles publications de ce fichier sont sponsorisées ?",
    },
    "sp.choice_help": {
        "en": "Sponsored posts are the campaign's paid content: every metric counts them and "
        "Disclosure checks them. Organic posts are the creator's own: they are kept as the "
        "baseline sponsored posts are compared with. You can change single posts later, on "
        "the Disclosure page.",
        "fr": "Les publications sponsorisées sont le contenu rémunéré de la campagne : tous les "
        "indicateurs les comptent et la page Transparence les vérifie. Les publications "
        "organiques sont celles du créateur : elles servent de référence pour comparer les "
        "publications sponsorisées. Vous pourrez modifier chaque publication plus tard, sur la "
        "page Transparence.",
    },
    "sp.rule_all": {
        "en": "All of them (the whole file is sponsored)",
        "fr": "Toutes (tout le fichier est sponsorisé)",
    },
    "sp.rule_campaign_dates": {
        "en": "Only the posts within the campaign's dates (the others are organic)",
        "fr": "Seulement celles publiées pendant les dates de la campagne (les autres sont organiques)",
    },
    "sp.rule_none": {
        "en": "None (the creator's organic posts)",
        "fr": "Aucune (publications organiques du créateur)",
    },
    "sp.rule_paid_label": {
        "en": "Those the file marks as a paid partnership",
        "fr": "Celles que le fichier marque comme partenariat rémunéré",
    },
    "sp.expander": {
        "en": "Which posts are sponsored?",
        "fr": "Quelles publications sont sponsorisées ?",
    },
    "sp.no_posts": {
        "en": "This campaign has no post yet.",
        "fr": "Cette campagne n'a encore aucune publication.",
    },
    "sp.editor_caption": {
        "en": "{sponsored} sponsored and {organic} organic posts. Tick the campaign's paid "
        "posts, untick the creator's own, then save.",
        "fr": "{sponsored} publications sponsorisées et {organic} organiques. Cochez les "
        "publications rémunérées de la campagne, décochez celles du créateur, puis enregistrez.",
    },
    "sp.pick_campaign": {"en": "Campaign", "fr": "Campagne"},
    "sp.col_sponsored": {"en": "Sponsored", "fr": "Sponsorisée"},
    "sp.col_sponsored_help": {
        "en": "Ticked: part of the campaign's paid content. Unticked: the creator's organic post.",
        "fr": "Cochée : contenu rémunéré de la campagne. Décochée : publication organique du "
        "créateur.",
    },
    "sp.col_posted": {"en": "Posted", "fr": "Publiée le"},
    "sp.col_creator": {"en": "Creator", "fr": "Créateur"},
    "sp.col_platform": {"en": "Platform", "fr": "Plateforme"},
    "sp.col_snippet": {"en": "Title or caption", "fr": "Titre ou légende"},
    "sp.col_link": {"en": "Link", "fr": "Lien"},
    "sp.save": {"en": "Save", "fr": "Enregistrer"},
    "sp.saved": {
        "en": "Saved: {sponsored} posts marked sponsored, {organic} marked organic.",
        "fr": "Enregistré : {sponsored} publications marquées sponsorisées, {organic} marquées "
        "organiques.",
    },
    "dc.organic_left_out": {
        "en": "{n} organic posts left out: the creator's own posts, not the campaign's paid "
        "content, owe no disclosure.",
        "fr": "{n} publications organiques écartées : publiées par le créateur hors contenu "
        "rémunéré de la campagne, elles n'ont pas à être signalées.",
    },
    "ob.title": {"en": "Sponsored vs organic", "fr": "Sponsorisé ou organique"},
    "ob.none": {
        "en": "Load the creator's organic posts too (the whole channel export) to compare "
        "sponsored with organic: at least {n} of each per creator, posted within {days} days of "
        "the campaign.",
        "fr": "Chargez aussi les publications organiques du créateur (l'export complet de la "
        "chaîne) pour comparer sponsorisé et organique : au moins {n} de chaque par créateur, "
        "publiées à moins de {days} jours de la campagne.",
    },
    "ob.caption": {
        "en": "Each creator's sponsored posts against the same creator's organic posts of the "
        "campaign, posted within {days} days of it (at least {n} of each). ×1.30 means 30 % "
        "more on sponsored posts. It describes the posts as published, not a cause.",
        "fr": "Les publications sponsorisées de chaque créateur face à ses propres publications "
        "organiques de la campagne, publiées à moins de {days} jours de celle-ci (au moins {n} "
        "de chaque). ×1,30 signifie 30 % de plus sur les publications sponsorisées. Cela "
        "décrit les publications telles que publiées, pas une cause.",
    },
    "ob.interval": {"en": "{level} % interval", "fr": "Intervalle à {level} %"},
    "ob.card_views": {
        "en": "Views per post, sponsored / organic",
        "fr": "Vues par publication, sponsorisé / organique",
    },
    "ob.card_er_views": {
        "en": "Engagement rate by views, sponsored / organic",
        "fr": "Taux d'engagement sur les vues, sponsorisé / organique",
    },
    "ob.short_views": {"en": "Views", "fr": "Vues"},
    "ob.short_er_views": {"en": "Engagement rate", "fr": "Taux d'engagement"},
    "ob.def_views": {
        "en": "Mean views per sponsored post divided by the mean views per organic post of the "
        "same creator; a campaign pools its creators' ratios.",
        "fr": "Vues moyennes par publication sponsorisée divisées par les vues moyennes par "
        "publication organique du même créateur ; une campagne regroupe les ratios de ses "
        "créateurs.",
    },
    "ob.def_er_views": {
        "en": "Engagement rate by views (likes, comments, shares and saves over views) of the "
        "sponsored posts divided by that of the same creator's organic posts; a campaign pools "
        "its creators' ratios.",
        "fr": "Taux d'engagement sur les vues (mentions J'aime, commentaires, partages et "
        "enregistrements rapportés aux vues) des publications sponsorisées divisé par celui des "
        "publications organiques du même créateur ; une campagne regroupe les ratios de ses "
        "créateurs.",
    },
    "ob.formula_views": {
        "fr": "vues moyennes par publication sponsorisée / vues moyennes par publication "
        "organique du même créateur",
        "en": "mean views per sponsored post / mean views per organic post of the same creator",
    },
    "ob.formula_er_views": {
        "fr": "taux d'engagement sur les vues (Σ J'aime, commentaires, partages, enregistrements "
        "/ Σ vues) des publications sponsorisées / celui des publications organiques du même "
        "créateur",
        "en": "engagement rate by views (Σ likes, comments, shares, saves / Σ views) of "
        "sponsored posts / that of the same creator's organic posts",
    },
    "ob.method_creator_t": {
        "en": "interval by the delta method on the log of the ratio (Welch t) per creator; "
        "creators pooled by a mean of their bias-corrected log ratios weighted by posts, with a t "
        "interval over creators; organic posts of the same creator and campaign, within {days} "
        "days of the campaign",
        "fr": "intervalle par la méthode delta sur le logarithme du ratio (t de Welch) par "
        "créateur ; créateurs regroupés par une moyenne de leurs log-ratios corrigés du biais, "
        "pondérée par les publications, avec un intervalle t entre créateurs ; publications "
        "organiques du même créateur et de la même campagne, à moins de {days} jours de la "
        "campagne",
    },
    "ob.posts_note": {
        "en": "{creators} creators compared, {sponsored} sponsored and {organic} organic posts",
        "fr": "{creators} créateurs comparés, {sponsored} publications sponsorisées et {organic} "
        "organiques",
    },
    "ob.by_campaign": {"en": "By campaign", "fr": "Par campagne"},
    "ob.by_creator": {"en": "By creator", "fr": "Par créateur"},
    "ob.col_creator": {"en": "Creator", "fr": "Créateur"},
    "ob.col_creators": {"en": "Creators compared", "fr": "Créateurs comparés"},
    "ob.col_creators_help": {
        "en": "Creators with enough sponsored and organic posts to compare.",
        "fr": "Créateurs ayant assez de publications sponsorisées et organiques pour comparer.",
    },
    "ob.col_ratio": {"en": "sponsored / organic", "fr": "sponsorisé / organique"},
    "ob.col_posts": {"en": "posts", "fr": "publications"},
    "ob.col_posts_help": {
        "en": "Sponsored / organic posts compared.",
        "fr": "Publications sponsorisées / organiques comparées.",
    },
    "ob.col_reason": {"en": "why no ratio", "fr": "pourquoi pas de ratio"},
    # Performance of the posts (Overview) and what each page needs to say more
    "perf.title": {"en": "Performance of the posts", "fr": "Performance des publications"},
    "perf.caption": {
        "en": "What the platform exports say on their own: counts as exported, rates on the base "
        "each names, costs when a fee or ad spend is known. Hover a number for its definition.",
        "fr": "Ce que disent les exports des plateformes à eux seuls : chiffres tels qu'exportés, "
        "taux sur la base indiquée, coûts lorsqu'un cachet ou une dépense publicitaire est connu. "
        "Survolez un chiffre pour sa définition.",
    },
    "perf.likes": {"en": "Likes", "fr": "J'aime"},
    "perf.comments": {"en": "Comments", "fr": "Commentaires"},
    "perf.shares": {"en": "Shares", "fr": "Partages"},
    "perf.saves": {"en": "Saves", "fr": "Enregistrements"},
    "perf.formula_sum": {
        "en": "Σ over the posts reporting it of each post's latest exported total",
        "fr": "Σ, sur les publications qui l'indiquent, du dernier total exporté de chacune",
    },
    "perf.source_exports": {
        "en": "YouTube Analytics, TikTok Analytics and Meta Insights exports",
        "fr": "Exports YouTube Analytics, TikTok Analytics et Meta Insights",
    },
    "perf.not_exported": {"en": "not exported", "fr": "non exporté"},
    "perf.measured_one": {"en": "measured (one post)", "fr": "mesuré (une publication)"},
    "perf.summed": {"en": "summed across {n} posts", "fr": "additionné sur {n} publications"},
    "perf.coverage": {
        "en": "{n} of {total} posts report it.",
        "fr": "{n} publications sur {total} l'indiquent.",
    },
    "perf.reach_summed_note": {
        "en": "A person reached by two posts counts twice: summed reach over-counts people.",
        "fr": "Une personne touchée par deux publications compte deux fois : la couverture "
        "additionnée surestime le nombre de personnes.",
    },
    "perf.impressions_from_views": {
        "en": "Views stand in for impressions on {n} posts (Instagram, Facebook and TikTok "
        "export views instead).",
        "fr": "Les vues tiennent lieu d'impressions pour {n} publications (Instagram, Facebook "
        "et TikTok exportent des vues à la place).",
    },
    "perf.er_views_formula": {
        "en": "Σ engagements / Σ views over posts reporting both (engagements = likes + "
        "comments + shares + saves)",
        "fr": "Σ interactions / Σ vues sur les publications qui indiquent les deux (interactions "
        "= j'aime + commentaires + partages + enregistrements)",
    },
    "perf.rate_caption": {
        "en": "base: {base} · {n} of {total} posts",
        "fr": "base : {base} · {n} publications sur {total}",
    },
    "perf.base_views": {"en": "views", "fr": "vues"},
    "perf.base_reach": {"en": "reach", "fr": "couverture"},
    "perf.base_impressions": {"en": "impressions", "fr": "impressions"},
    "perf.base_followers": {"en": "followers", "fr": "abonnés"},
    "perf.no_rates": {
        "en": "No engagement rate: no post exports likes, comments, shares or saves together "
        "with views, reach, impressions or followers.",
        "fr": "Aucun taux d'engagement : aucune publication n'exporte de j'aime, commentaires, "
        "partages ou enregistrements avec des vues, une couverture, des impressions ou des "
        "abonnés.",
    },
    "perf.caption_no_costs": {
        "en": "What the platform exports say on their own: counts as exported, rates on the base "
        "each names. Hover a number for its definition.",
        "fr": "Ce que disent les exports des plateformes à eux seuls : chiffres tels qu'exportés, "
        "taux sur la base indiquée. Survolez un chiffre pour sa définition.",
    },
    "perf.reason_no_cost": {
        "en": "Add the creators' fees (a cost per post) or an ad-spend export to see cost per "
        "view and per engagement.",
        "fr": "Ajoutez les cachets des créateurs (un coût par publication) ou un export de "
        "dépenses publicitaires pour voir le coût par vue et par interaction.",
    },
    "perf.reason_mixed_currencies": {
        "en": "Costs are in several currencies and cannot be added: no cost per view or per "
        "engagement.",
        "fr": "Les coûts sont dans plusieurs devises et ne s'additionnent pas : pas de coût par "
        "vue ni par interaction.",
    },
    "perf.over_time_title": {
        "en": "Cumulative views and engagements by days since launch",
        "fr": "Vues et interactions cumulées par jour depuis le lancement",
    },
    "perf.over_time_daily": {
        "en": "Day 0 is the first post ({launch}); from the exports' per-day rows.",
        "fr": "Le jour 0 est celui de la première publication ({launch}) ; d'après les lignes "
        "quotidiennes des exports.",
    },
    "perf.over_time_posting_day": {
        "en": "Day 0 is the first post ({launch}). The exports hold lifetime totals only: each "
        "post's numbers are placed on the day it was posted, so the curve shows when content "
        "went out, not when it was watched.",
        "fr": "Le jour 0 est celui de la première publication ({launch}). Les exports ne "
        "contiennent que des totaux cumulés : les chiffres de chaque publication sont placés au "
        "jour de sa mise en ligne, la courbe montre donc quand le contenu est sorti, pas quand il "
        "a été vu.",
    },
    "perf.over_time_mixed": {
        "en": "Day 0 is the first post ({launch}). Posts with per-day rows add each day's "
        "numbers; the others add their lifetime totals on the day they were posted.",
        "fr": "Le jour 0 est celui de la première publication ({launch}). Les publications avec "
        "des lignes quotidiennes ajoutent les chiffres de chaque jour ; les autres ajoutent leurs "
        "totaux cumulés au jour de leur mise en ligne.",
    },
    "perf.no_over_time": {
        "en": "No dated post with views or engagements: nothing to draw over time.",
        "fr": "Aucune publication datée avec des vues ou des interactions : rien à tracer dans "
        "le temps.",
    },
    "perf.posts_title": {"en": "Per post", "fr": "Par publication"},
    "perf.ranking_er_views": {
        "en": "Best and weakest by engagement rate by views, among the {eligible} posts with at "
        "least {min_views} views and exported engagements.",
        "fr": "Meilleures et plus faibles selon le taux d'engagement sur les vues, parmi les "
        "{eligible} publications d'au moins {min_views} vues avec des interactions exportées.",
    },
    "perf.ranking_views": {
        "en": "No post exports engagements: best and weakest by views, among the {eligible} "
        "posts with at least {min_views} views.",
        "fr": "Aucune publication n'exporte d'interactions : meilleures et plus faibles selon "
        "les vues, parmi les {eligible} publications d'au moins {min_views} vues.",
    },
    "perf.reason_few_posts": {
        "en": "At least two such posts are needed to name a best and a weakest.",
        "fr": "Il faut au moins deux telles publications pour désigner une meilleure et une plus "
        "faible.",
    },
    "perf.no_post_values": {
        "en": "No post exports views or engagements: nothing to draw per post.",
        "fr": "Aucune publication n'exporte de vues ou d'interactions : rien à tracer par "
        "publication.",
    },
    "perf.best": {"en": "Best posts", "fr": "Meilleures publications"},
    "perf.weakest": {"en": "Weakest posts", "fr": "Publications les plus faibles"},
    "perf.open_link": {"en": "open", "fr": "ouvrir"},
    "perf.own_channel": {"en": "{platform} channel", "fr": "chaîne {platform}"},
    "perf.creators_title": {"en": "Per creator", "fr": "Par créateur"},
    "perf.col_date": {"en": "Date", "fr": "Date"},
    "perf.col_platform": {"en": "Platform", "fr": "Plateforme"},
    "perf.col_creator": {"en": "Creator", "fr": "Créateur"},
    "perf.col_post": {"en": "Post", "fr": "Publication"},
    "perf.col_link": {"en": "Link", "fr": "Lien"},
    "perf.col_views": {"en": "Views", "fr": "Vues"},
    "perf.col_engagements": {"en": "Engagements", "fr": "Interactions"},
    "perf.col_er_views": {"en": "ER by views", "fr": "Taux d'engagement (vues)"},
    "perf.col_posts": {"en": "Posts", "fr": "Publications"},
    "perf.col_cost": {"en": "Fees", "fr": "Cachets"},
    "perf.col_currency": {"en": "Currency", "fr": "Devise"},
    "perf.chart_day": {"en": "Days since launch", "fr": "Jours depuis le lancement"},
    "perf.chart_date": {"en": "Date", "fr": "Date"},
    "perf.chart_views": {"en": "Views", "fr": "Vues"},
    "perf.chart_engagements": {"en": "Engagements", "fr": "Interactions"},
    "perf.chart_cumulative_views": {"en": "Cumulative views", "fr": "Vues cumulées"},
    "perf.chart_cumulative_engagements": {
        "en": "Cumulative engagements",
        "fr": "Interactions cumulées",
    },
    "perf.chart_er_views": {
        "en": "Engagement rate by views",
        "fr": "Taux d'engagement sur les vues",
    },
    "perf.chart_best": {"en": "best", "fr": "meilleure"},
    "perf.chart_weakest": {"en": "weakest", "fr": "plus faible"},
    "perf.chart_other": {"en": "other", "fr": "autre"},
    "perf.chart_post": {"en": "Post", "fr": "Publication"},
    "cr.no_er_reach": {
        "en": "No creator has both reach and engagements exported: no engagement rate by reach "
        "to draw. The table below lists what each creator's exports hold.",
        "fr": "Aucun créateur n'a à la fois couverture et interactions exportées : pas de taux "
        "d'engagement sur la couverture à tracer. Le tableau ci-dessous indique ce que "
        "contiennent les exports de chaque créateur.",
    },
    "need.posts_performance": {
        "en": "Load the platform exports of the campaign's posts (YouTube Studio, TikTok, "
        "Instagram) to see views, engagements and cost per view.",
        "fr": "Chargez les exports des plateformes pour les publications de la campagne "
        "(YouTube Studio, TikTok, Instagram) pour voir vues, interactions et coût par vue.",
    },
    "need.survey_favorability": {
        "en": "Load a brand-lift survey with a favorability question and exposed and control "
        "groups to measure favorability lift.",
        "fr": "Chargez une étude d'impact avec une question d'opinion favorable et des groupes "
        "exposé et témoin pour mesurer la hausse d'opinion favorable.",
    },
    "need.comments_sentiment": {
        "en": "Load the posts' comment exports to read sentiment and brand mentions.",
        "fr": "Chargez les exports de commentaires des publications pour lire le sentiment et "
        "les mentions de la marque.",
    },
    "need.survey_consideration": {
        "en": "Load a brand-lift survey with exposed and control groups to measure "
        "consideration lift.",
        "fr": "Chargez une étude d'impact avec des groupes exposé et témoin pour mesurer la "
        "hausse de considération.",
    },
    "need.posts_signals": {
        "en": "Load platform exports with reach and saves, shares, clicks or profile visits to "
        "see behavioural signals.",
        "fr": "Chargez des exports de plateformes avec couverture et enregistrements, partages, "
        "clics ou visites du profil pour voir les signaux de comportement.",
    },
    "need.survey_recall": {
        "en": "Load a brand-lift survey with exposed and control groups to measure ad-recall lift.",
        "fr": "Chargez une étude d'impact avec des groupes exposé et témoin pour mesurer la "
        "hausse de mémorisation publicitaire.",
    },
    "need.comments_mentions": {
        "en": "Load the posts' comment exports to count brand mentions over time.",
        "fr": "Chargez les exports de commentaires des publications pour compter les mentions "
        "de la marque dans le temps.",
    },
    "need.exposures": {
        "en": "Load an exposure log (person, post, time) to see how many people saw the "
        "campaign once, twice or more.",
        "fr": "Chargez un journal d'exposition (personne, publication, horodatage) pour voir "
        "combien de personnes ont vu la campagne une, deux fois ou plus.",
    },
    "need.survey_frequency": {
        "en": "Load a brand-lift survey with each respondent's exposure count to measure lift "
        "by exposure count.",
        "fr": "Chargez une étude d'impact avec le nombre d'expositions de chaque répondant pour "
        "mesurer la hausse selon le nombre d'expositions.",
    },
    "need.posts_creators": {
        "en": "Load the creators' posts (platform or influencer-platform exports) to compare "
        "creators.",
        "fr": "Chargez les publications des créateurs (exports des plateformes ou d'une "
        "plateforme d'influence) pour comparer les créateurs.",
    },
    "need.second_campaign": {
        "en": "Load a second campaign to compare campaigns over time.",
        "fr": "Chargez une deuxième campagne pour comparer les campagnes dans le temps.",
    },
    "need.home_posts": {
        "en": "No posts loaded yet: load the platform exports of a campaign's posts to see its "
        "performance.",
        "fr": "Aucune publication chargée : chargez les exports des plateformes pour les "
        "publications d'une campagne afin de voir sa performance.",
    },
    "need.posts_say_title": {
        "en": "What the posts' exports say",
        "fr": "Ce que disent les exports des publications",
    },
    "need.survey_answers": {"en": "Survey answers", "fr": "Réponses à l'étude"},
    "need.exposures_label": {"en": "Exposure rows", "fr": "Lignes d'exposition"},
    "need.posts_help": {
        "en": "Posts of this view loaded from platform exports.",
        "fr": "Publications de cette vue chargées depuis les exports des plateformes.",
    },
    "need.survey_answers_help": {
        "en": "Brand-lift survey answers (or aggregated results) loaded for this campaign.",
        "fr": "Réponses (ou résultats agrégés) d'étude d'impact chargées pour cette campagne.",
    },
    "need.comments_help": {
        "en": "Comments loaded for this view's posts (their text, not the exported counts).",
        "fr": "Commentaires chargés pour les publications de cette vue (leur texte, pas les "
        "nombres exportés).",
    },
    "need.exposures_help": {
        "en": "Rows of the exposure log loaded for this campaign (one person seeing one post).",
        "fr": "Lignes du journal d'exposition chargées pour cette campagne (une personne voyant "
        "une publication).",
    },
    "need.campaigns_help": {
        "en": "Campaigns in the database; comparing needs at least two.",
        "fr": "Campagnes dans la base ; une comparaison en demande au moins deux.",
    },
}


def language() -> str:
    """The interface language from the URL, English when absent or unknown."""
    value = st.query_params.get("lang", "en")
    return value if value in LANGUAGES else "en"


def t(key: str) -> str:
    """The interface text for ``key`` in the current language."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(language(), entry["en"])


def colon() -> str:
    """The separator after a label: "Source : …" in French (no-break space), "Source: …" in English."""
    return "\u00a0: " if language() == "fr" else ": "


def language_switch() -> None:
    """A sidebar switch between English and French, remembered in the URL."""
    current = language()
    chosen = st.sidebar.segmented_control(
        t("language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        default=current,
        key="sillage.language",
    )
    if chosen and chosen != current:
        st.query_params["lang"] = chosen
        st.rerun()


def number(value: float | None, decimals: int = 0, lang: str | None = None) -> str:
    """A number in the interface language (``i18n.locale.number``): 1 234,5 or 1,234.5."""
    return locale.number(value, decimals, lang or language())


def percent(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A share in [0, 1] as a percentage in the interface language: "12.5%" / "12,5 %"."""
    return locale.percent(value, decimals, lang or language())


def points(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A difference of two shares in signed percentage points: +4.2 pts / +4,2 pts."""
    return locale.points(value, decimals, lang or language())


def money(
    value: float | None, currency: str | None, decimals: int | None = None, lang: str | None = None
) -> str:
    """An amount in its currency, in the interface language: €9.89 / 9,89 €."""
    return locale.money(value, currency, lang or language(), decimals)


def date(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    """A date in the interface language: 2026-09-28 / 28/09/2026."""
    return locale.date(value, lang or language())
