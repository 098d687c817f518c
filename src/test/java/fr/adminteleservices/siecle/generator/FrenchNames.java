package fr.adminteleservices.siecle.generator;

/**
 * Realistic French first and family names for synthetic SIECLE exports.
 *
 * <p>Every string here is encodable in ISO-8859-15 (accents, {@code œ}/{@code Œ}, {@code ß});
 * the test checks it. Names deliberately include apostrophes ({@code N'Diaye}), particles
 * with spaces ({@code Le Gall}), compound first names ({@code Jean-Baptiste}) and {@code œ}
 * ({@code Cœur}). Double family names ({@code Martin--Dupont}) are built by the generator.
 */
final class FrenchNames {

    private FrenchNames() {
    }

    static final String[] MALE_FIRST_NAMES = {
        "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Raphaël", "Léo", "Adam", "Maël",
        "Noah", "Nathan", "Théo", "Tom", "Paul", "Sacha", "Timéo", "Ethan", "Mathis", "Enzo",
        "Aaron", "Nolan", "Axel", "Maxime", "Baptiste", "Antoine", "Clément", "Valentin", "Alexandre", "Thomas",
        "Quentin", "Romain", "Julien", "Nicolas", "Pierre", "Victor", "Martin", "Simon", "Robin", "Noé",
        "Éloi", "Élie", "Anatole", "Côme", "Achille", "Joachim", "Benoît", "François", "Jérôme", "Stéphane",
        "Sébastien", "Frédéric", "Grégoire", "Loïc", "Gaël", "Yanis", "Rayan", "Ilyès", "Mohamed", "Amine",
        "Bilal", "Karim", "Youssef", "Moussa", "Mamadou", "Ibrahima", "Issa", "Kylian", "Mathéo", "Esteban",
        "Diego", "Joaquim", "Anaël", "Aurélien", "Benjamin", "Cyril", "Damien", "Dylan", "Emmanuel", "Fabien",
        "Florian", "Gaëtan", "Guillaume", "Hervé", "Jean", "Jean-Baptiste", "Jean-Marc", "Jean-Pierre", "Jean-Luc", "Jean-François",
        "Pierre-Louis", "Pierre-Antoine", "Marc-Antoine", "Louis-Marie", "Kévin", "Laurent", "Léandre", "Lény", "Lorenzo", "Marius",
        "Mehdi", "Mickaël", "Olivier", "Pascal", "Philippe", "Rémi", "Ruben", "Samuel", "Sylvain", "Tristan",
        "Ulysse", "Vincent", "Wassim", "Xavier", "Yann", "Yves", "Zacharie", "Thibaut", "Noël", "Joël",
        "Ismaël", "Anthelme", "Augustin", "Barnabé", "Bastien", "Cédric", "Christophe", "Corentin", "Dimitri", "Édouard",
        "Émile", "Étienne", "Évan", "Félix", "Gaspard", "Grégory", "Hippolyte", "Ibrahim", "Jérémy", "Jonathan",
        "Josué", "Killian", "Lilian", "Loan", "Malo", "Marceau", "Matthias", "Michaël", "Nathanaël", "Octave",
        "Oscar", "Pierre-Yves", "Régis", "Sandro", "Séraphin", "Soan", "Swann", "Thierry", "Timothée", "Titouan",
        "Tony", "Warren", "Younès", "Zinedine", "Aurèle", "Célestin", "Jean-Noël", "François-Xavier", "Gauthier", "Hélio",
    };

    static final String[] FEMALE_FIRST_NAMES = {
        "Emma", "Jade", "Louise", "Alice", "Chloé", "Lina", "Léa", "Rose", "Anna", "Mila",
        "Inès", "Ambre", "Julia", "Mia", "Léna", "Manon", "Juliette", "Lou", "Zoé", "Camille",
        "Agathe", "Jeanne", "Éva", "Nina", "Sarah", "Romane", "Iris", "Adèle", "Lola", "Louna",
        "Margaux", "Clémence", "Capucine", "Apolline", "Héloïse", "Maëlys", "Maëlle", "Noémie", "Océane", "Clara",
        "Lucie", "Pauline", "Marie", "Anne-Sophie", "Marie-Claire", "Marie-Hélène", "Anne-Laure", "Anne-Marie", "Marie-Ève", "Laure",
        "Aurélie", "Céline", "Sandrine", "Nathalie", "Isabelle", "Valérie", "Sophie", "Stéphanie", "Émilie", "Élodie",
        "Mélanie", "Séverine", "Virginie", "Véronique", "Karine", "Caroline", "Delphine", "Hélène", "Gisèle", "Françoise",
        "Thérèse", "Geneviève", "Mégane", "Anaïs", "Maïwenn", "Nolwenn", "Gwenaëlle", "Aïcha", "Fatoumata", "Aminata",
        "Fatima", "Yasmine", "Salomé", "Cécile", "Bérénice", "Joséphine", "Clémentine", "Éléonore", "Élise", "Mathilde",
        "Charlotte", "Victoire", "Constance", "Domitille", "Solène", "Maïa", "Naëlle", "Ornella", "Perrine", "Raphaëlle",
        "Sixtine", "Zélie", "Nadège", "Bénédicte", "Christèle", "Loïse", "Maud", "Agnès", "Béatrice", "Brigitte",
        "Colette", "Danièle", "Édith", "Estelle", "Florence", "Ghislaine", "Ingrid", "Josiane", "Laëtitia", "Léonie",
        "Lison", "Manel", "Myriam", "Noëlle", "Odile", "Rachel", "Sylvie", "Tiphaine", "Ysaline", "Gaëlle",
        "Anne-Cécile", "Marie-Noëlle", "Marie-José", "Alix", "Amélie", "Angèle", "Axelle", "Blandine", "Candice", "Cassandre",
        "Chloë", "Coralie", "Daphné", "Elsa", "Emeline", "Enora", "Faustine", "Gaëla", "Hortense", "Inaya",
        "Jessica", "Justine", "Kenza", "Lætitia", "Léane", "Lilou", "Lorène", "Madeleine", "Maryam", "Mélissa",
        "Morgane", "Nawel", "Ophélie", "Pénélope", "Rébecca", "Sabrina", "Ségolène", "Sidonie", "Soizic", "Zoë",
    };

    static final String[] FAMILY_NAMES = {
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
        "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
        "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
        "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
        "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
        "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
        "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
        "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
        "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
        "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
        "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
        "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
        "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
        "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
        "Cœur", "Lœuillet", "Bœuf", "Lebœuf", "Cœurdevey", "Lesœur", "Cœuret",
        "N'Diaye", "D'Almeida", "N'Guessan", "D'Angelo", "L'Huillier", "L'Hôte", "D'Arras", "N'Dour",
        "Dos Santos", "De Oliveira", "Ben Ali", "Van den Berghe", "de La Fontaine", "de Villiers",
        "Lefrançois", "Françon", "Garçon", "Provençal", "Besançon", "Boëdec", "Citroën", "Moïse", "Raïs", "Gaïdon",
        "Diallo", "Traoré", "Camara", "Keita", "Haddad", "Benali", "Mansouri", "Nguyen", "Tran", "Pham",
        "Kowalski", "Nowak", "Ferreira", "Pereira", "Gonçalves", "Rossi", "Russo", "Esposito", "Yilmaz", "Öztürk",
        "Grosjean", "Lestrade", "Malbrancq", "Kerhervé", "Le Bihan", "Quéméner", "Tanguy", "Briand", "Jégou", "Thépaut",
        "Aubépine", "Desprès", "Bédier", "Chênevert", "Frère", "Lenôtre", "Dupré", "Després", "Lhermitte", "Vallée",
    };
}
