package fr.adminteleservices.accounts;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * What the portal's home shows for one establishment (S2–S4), read on the téléservices side: the
 * welcome message, the services of the letter type, the ENT, the useful links and the contact.
 */
@Mapper
interface PortalHome {

    EstablishmentHome findEstablishment(@Param("uai") String uai);

    record EstablishmentHome(String uai, String name, String teleservicesUrl, String welcomeMessage, String letterType,
                             String entName, String entUrl, String contactEmail, boolean contactActive) {

        public boolean entOnly() {
            return "ENT_ONLY".equals(letterType);
        }

        public boolean withEnt() {
            return entUrl != null && ("MIXED".equals(letterType) || "ENT_ONLY".equals(letterType));
        }
    }

    List<ServiceLink> findServices(@Param("uai") String uai);

    record ServiceLink(String code, String label, boolean national, String url) {
    }

    List<UsefulLink> findUsefulLinks(@Param("uai") String uai);

    record UsefulLink(String title, String url) {
    }
}
