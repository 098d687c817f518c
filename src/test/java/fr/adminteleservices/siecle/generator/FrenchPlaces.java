package fr.adminteleservices.siecle.generator;

/**
 * Streets, communes and a few foreign addresses for synthetic SIECLE exports.
 * All strings are encodable in ISO-8859-15.
 */
final class FrenchPlaces {

    private FrenchPlaces() {
    }

    static final String[] STREET_TYPES = {
        "rue", "rue", "rue", "avenue", "allée", "impasse", "chemin", "boulevard", "place", "route", "square", "quai",
    };

    static final String[] STREET_NAMES = {
        "des Lilas", "Victor Hugo", "Jean Jaurès", "de la République", "du Général de Gaulle", "des Écoles",
        "Pasteur", "de l'Église", "des Châtaigniers", "du Moulin", "Émile Zola", "des Œillets",
        "Saint-Exupéry", "de la Gare", "des Érables", "du Château d'Eau", "Jules Ferry", "Gambetta",
        "Aristide Briand", "des Frênes", "de la Forêt", "Molière", "des Mûriers", "du Stade",
        "Louis Pergaud", "des Cœurs Vaillants", "Anatole France", "de Verdun", "du 8 Mai 1945", "des Peupliers",
        "Paul Éluard", "Marie Curie", "Albert Camus", "de la Fontaine Saint-Éloi", "du Bœuf Couronné", "des Hêtres",
        "de Provence", "Colbert", "François Mitterrand", "du Maréchal Leclerc", "des Tanneurs", "de la Mairie",
    };

    static final String[] COMPLEMENTS = {
        "Résidence Les Tilleuls", "Bâtiment B", "Appartement 12", "Escalier C", "Résidence du Parc, bât. A",
        "Chez Mme Lefèvre", "Porte 4", "Résidence Belle Épine", "3e étage gauche", "Villa Les Mûriers",
    };

    static final String[] LIEUX_DITS = {
        "Lieu-dit La Garenne", "Hameau de Bellevue", "Lieu-dit Les Côtes", "Le Clos Fleuri", "Hameau du Pré Saint-Gervais",
    };

    /** Groups of neighbouring communes: {postal code, LIBELLE_POSTAL}. One group per establishment. */
    static final String[][][] COMMUNE_GROUPS = {
        { {"91000", "EVRY-COURCOURONNES"}, {"91300", "MASSY"}, {"91120", "PALAISEAU"}, {"91400", "ORSAY"},
          {"91190", "GIF-SUR-YVETTE"}, {"91940", "LES ULIS"} },
        { {"69003", "LYON"}, {"69100", "VILLEURBANNE"}, {"69500", "BRON"}, {"69200", "VENISSIEUX"},
          {"69130", "ECULLY"}, {"69800", "SAINT-PRIEST"} },
        { {"35000", "RENNES"}, {"35510", "CESSON-SEVIGNE"}, {"35135", "CHANTEPIE"}, {"35830", "BETTON"},
          {"35650", "LE RHEU"}, {"35740", "PACE"} },
        { {"31000", "TOULOUSE"}, {"31300", "TOULOUSE"}, {"31700", "BLAGNAC"}, {"31770", "COLOMIERS"},
          {"31520", "RAMONVILLE-SAINT-AGNE"}, {"31130", "BALMA"} },
        { {"59000", "LILLE"}, {"59650", "VILLENEUVE-D'ASCQ"}, {"59100", "ROUBAIX"}, {"59200", "TOURCOING"},
          {"59700", "MARCQ-EN-BARŒUL"}, {"59130", "LAMBERSART"} },
        { {"13001", "MARSEILLE"}, {"13100", "AIX-EN-PROVENCE"}, {"13090", "AIX-EN-PROVENCE"}, {"13127", "VITROLLES"},
          {"13400", "AUBAGNE"}, {"13600", "LA CIOTAT"} },
        { {"67000", "STRASBOURG"}, {"67300", "SCHILTIGHEIM"}, {"67400", "ILLKIRCH-GRAFFENSTADEN"}, {"67380", "LINGOLSHEIM"},
          {"67540", "OSTWALD"}, {"67800", "BISCHHEIM"} },
        { {"63000", "CLERMONT-FERRAND"}, {"63100", "CLERMONT-FERRAND"}, {"63400", "CHAMALIERES"}, {"63170", "AUBIERE"},
          {"63800", "COURNON-D'AUVERGNE"}, {"63110", "BEAUMONT"} },
        { {"97400", "SAINT-DENIS"}, {"97490", "SAINTE-CLOTILDE"}, {"97410", "SAINT-PIERRE"}, {"97430", "LE TAMPON"},
          {"97460", "SAINT-PAUL"}, {"97438", "SAINTE-MARIE"} },
    };

    /** Foreign addresses: {LIGNE1_ADRESSE, COMMUNE_ETRANGERE, LL_PAYS, CODE_PAYS}. */
    static final String[][] FOREIGN = {
        {"Calle Mayor 12, 3º B", "28013 MADRID", "ESPAGNE", "134"},
        {"Rue Neuve 5", "1000 BRUXELLES", "BELGIQUE", "131"},
        {"Rue du Rhône 20", "1204 GENÈVE", "SUISSE", "140"},
        {"Hauptstraße 3", "77694 KEHL", "ALLEMAGNE", "109"},
        {"Rua Augusta 45", "1100-053 LISBOA", "PORTUGAL", "139"},
        {"10 Baker Street", "LONDON NW1 6XE", "ROYAUME-UNI", "132"},
        {"12 rue Tarik Ibn Ziad", "20000 CASABLANCA", "MAROC", "350"},
        {"Via Roma 8", "10121 TORINO", "ITALIE", "127"},
    };
}
