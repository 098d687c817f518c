package fr.adminteleservices.catalogue;

import fr.adminteleservices.establishment.SiecleModule;

/** The ministry's téléservices (§1.1); each needs its SIECLE module in the establishment (O2). */
public enum NationalService {
    NOTES("Consultation des notes", SiecleModule.NOTES),
    ABSENCES("Consultation des absences", SiecleModule.ABSENCES),
    LPC("Livret personnel de compétences", SiecleModule.LPC),
    TELEINSCRIPTION("Téléinscription", SiecleModule.INSCRIPTION),
    FICHE_RENSEIGNEMENTS("Fiche de renseignements", SiecleModule.BASE_ELEVES);

    private final String label;
    private final SiecleModule module;

    NationalService(String label, SiecleModule module) {
        this.label = label;
        this.module = module;
    }

    public String label() {
        return label;
    }

    public SiecleModule module() {
        return module;
    }
}
