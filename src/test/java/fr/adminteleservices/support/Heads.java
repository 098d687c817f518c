package fr.adminteleservices.support;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.Directory;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** A fresh establishment with its own head's log-in, for API tests through HTTP Basic. */
public final class Heads {

    private Heads() {
    }

    /** Creates the establishment (all SIECLE modules, one e-mail) and the log-in chef.UAI. */
    public static String newEstablishmentWithHead(EstablishmentService establishments, Directory directory) {
        String uai = SiecleFixtures.newEstablishment(establishments);
        directory.createHead(username(uai), password(uai), "Chef", "Essai", uai);
        return uai;
    }

    public static String username(String uai) {
        return "chef." + uai;
    }

    public static String password(String uai) {
        return "mot-de-passe-" + uai;
    }

    public static RequestPostProcessor headOf(String uai) {
        return httpBasic(username(uai), password(uai));
    }

    public static RequestPostProcessor academyAdmin() {
        return httpBasic("academie", "academie");
    }
}
