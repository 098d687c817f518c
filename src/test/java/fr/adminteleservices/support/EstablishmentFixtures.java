package fr.adminteleservices.support;

import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.siecle.SiecleImportService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

/**
 * What most tests start from, built in one statement instead of the same calls copied in each test class: a new
 * establishment with its head's log-in ({@link Heads}), its families imported as SIECLE exports ({@link Families}),
 * its services declared and some opened, its CARs generated; then the head's signed-in session for the screens.
 * Every {@code @H2Test} and {@code @MariaDbTest} class may autowire it.
 * <pre>{@code
 * uai = fixtures.establishment().families(Families::martinAndBernard).open("NOTES").withGuardianCodes().create();
 * }</pre>
 */
public class EstablishmentFixtures {

    private final EstablishmentService establishments;
    private final Directory directory;
    private final SiecleImportService imports;
    private final ServiceOpening opening;
    private final GuardianCodes guardianCodes;

    public EstablishmentFixtures(EstablishmentService establishments, Directory directory, SiecleImportService imports,
                                 ServiceOpening opening, GuardianCodes guardianCodes) {
        this.establishments = establishments;
        this.directory = directory;
        this.imports = imports;
        this.opening = opening;
        this.guardianCodes = guardianCodes;
    }

    /** A new establishment, to describe; nothing is written before {@link Establishment#create()}. */
    public Establishment establishment() {
        return new Establishment();
    }

    /** A new establishment with its head and nothing else: another establishment, for the 403s. */
    public String another() {
        return establishment().create();
    }

    /** The head's session after the log-in form, as a browser holds it. */
    public static MockHttpSession headSession(MockMvc mvc, String uai) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(Heads.username(uai)).password(Heads.password(uai)))
                .andReturn().getRequest().getSession(false);
    }

    public final class Establishment {

        private Function<String, Families> families;
        private boolean declared;
        private final List<String> open = new ArrayList<>();
        private boolean guardianCodes;

        private Establishment() {
        }

        /** Its students and guardians, imported as SIECLE exports (the function gets the new UAI). */
        public Establishment families(Function<String, Families> families) {
            this.families = families;
            return this;
        }

        /** Its services declared (« Ouverture des services »), all closed unless {@link #open}. */
        public Establishment declared() {
            this.declared = true;
            return this;
        }

        /** These services declared open (NOTES, ABSENCES, LPC…). */
        public Establishment open(String... services) {
            this.declared = true;
            this.open.addAll(List.of(services));
            return this;
        }

        /** Every eligible couple's CAR generated (mass generation, C1). */
        public Establishment withGuardianCodes() {
            this.guardianCodes = true;
            return this;
        }

        /** Writes it all; returns the UAI. */
        public String create() {
            String uai = Heads.newEstablishmentWithHead(establishments, directory);
            if (families != null) {
                imports.importExports(uai, families.apply(uai).exports(), "test");
            }
            if (declared) {
                opening.declare(uai, "test");
            }
            for (String service : open) {
                opening.setOpen(uai, service, true, "test");
            }
            if (guardianCodes) {
                EstablishmentFixtures.this.guardianCodes.generate(uai, null, true, null, null, "test");
            }
            return uai;
        }
    }
}
