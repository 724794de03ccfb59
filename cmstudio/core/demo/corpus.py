"""Words the demo content is made of: a French bakery brand and an English outdoor shop."""

from __future__ import annotations

FR_TOPICS = [
    ("Les réseaux sociaux en {year}", ["réseaux sociaux", "stratégie"]),
    ("Notre galette des rois {n}, pas à pas", ["recette", "saison"]),
    ("Cinq idées de posts pour la rentrée", ["idées", "calendrier"]),
    ("Comment nous choisissons nos farines", ["coulisses", "qualité"]),
    ("Le pain au levain expliqué simplement", ["recette", "levain"]),
    ("Jeu-concours : gagnez un atelier pâtisserie", ["concours", "communauté"]),
    ("Les coulisses d'un samedi matin au fournil", ["coulisses", "équipe"]),
    ("Brioche, croissant, chausson : le guide {n}", ["viennoiserie", "guide"]),
    ("Ce que nos clients nous ont appris cette année", ["communauté", "bilan"]),
    ("Zéro déchet au fournil : où en sommes-nous ?", ["engagement", "écologie"]),
    ("Les bûches de Noël {year} sont arrivées", ["saison", "noël"]),
    ("Rencontre avec Camille, notre cheffe pâtissière", ["équipe", "portrait"]),
]
EN_TOPICS = [
    ("Ten trails to walk before winter {n}", ["hiking", "guide"]),
    ("How we test our rain jackets", ["gear", "behind the scenes"]),
    ("A beginner's guide to layering", ["guide", "clothing"]),
    ("Our repair programme turns {n}", ["sustainability", "community"]),
    ("Packing list for a weekend bivouac", ["camping", "checklist"]),
    ("Meet the team: Priya, trail runner", ["team", "portrait"]),
    ("Why wool still wins in the mountains", ["gear", "materials"]),
    ("Photo contest: your best summit view", ["contest", "community"]),
]
FR_PARAGRAPHS = [
    "Chaque matin, l'équipe commence avant l'aube. La pâte a reposé toute la nuit, et c'est "
    "à ce moment-là que tout se joue : la température, l'humidité, le geste.",
    "Nous avons posé la question à notre communauté et vous avez été plus de 800 à répondre. "
    "Merci ! Vos réponses ont guidé nos choix pour la saison.",
    "Le secret tient en trois mots : temps, farine, patience. Le reste, c'est de l'entraînement "
    "et beaucoup de fournées ratées que personne ne voit.",
    "Sur Instagram, les recettes en carrousel fonctionnent deux fois mieux que les vidéos longues. "
    "Sur LinkedIn, ce sont les coulisses qui touchent le plus.",
    "Nous travaillons avec des moulins situés à moins de 150 km de la boutique, et nous "
    "visitons chacun d'eux au moins une fois par an.",
    "Vous pouvez retrouver tous les détails sur notre site, et poser vos questions en commentaire : "
    "nous répondons à chacune.",
]
EN_PARAGRAPHS = [
    "We left the car park at dawn, with frost still on the grass and the valley under a sea "
    "of cloud. By nine the sun had burnt it all away.",
    "Our repair desk fixed more than 1,200 jackets last year. Every one of them is a jacket "
    "that did not end up in a landfill.",
    "Layering is simple once you think in three parts: a base that wicks, a middle that warms "
    "and a shell that keeps the weather out.",
    "We asked our community for their favourite short walks and got hundreds of answers. "
    "Here are the ones we keep coming back to.",
    "Take less than you think you need, but never skip the map, the head torch and a warm layer.",
]
FR_LISTS = ["- de la farine T65\n- du levain vif\n- de l'eau à 24 °C\n- du sel de Guérande"]
EN_LISTS = ["- a waterproof shell\n- a warm mid layer\n- spare socks\n- a head torch"]
HASHTAG_GROUPS = {
    "Maison Lumière": {
        "Marque": ["#MaisonLumière", "#BoulangerieArtisanale"],
        "Recettes": ["#FaitMaison", "#Recette", "#Pâtisserie"],
        "Local": ["#Lyon", "#ConsommerLocal"],
    },
    "Northwind Outdoor": {
        "Brand": ["#NorthwindOutdoor"],
        "Outdoors": ["#Hiking", "#GetOutside", "#TrailLife"],
    },
}
IMAGE_PALETTES = [
    ((214, 163, 84), (120, 72, 30)),
    ((240, 220, 180), (180, 120, 60)),
    ((90, 140, 110), (30, 60, 45)),
    ((70, 110, 170), (20, 40, 80)),
    ((230, 120, 90), (120, 40, 30)),
    ((200, 200, 210), (80, 80, 100)),
    ((250, 200, 90), (200, 110, 20)),
    ((140, 90, 150), (50, 30, 70)),
]
ENTRANT_FIRST = ["julie", "marc", "sophie", "lea", "thomas", "camille", "hugo", "ines", "nina", "paul",
                 "chloe", "lucas", "emma", "louis", "jade", "arthur", "manon", "nathan", "sarah", "theo"]
ENTRANT_SUFFIX = ["_lyon", ".patisse", "75", "_officiel", "_b", "__", "2026", "_gourmande", "", "_cm"]
