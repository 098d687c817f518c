package fr.adminteleservices.accounts;

import static fr.adminteleservices.support.SiecleFixtures.division;
import static fr.adminteleservices.support.SiecleFixtures.eleve;
import static fr.adminteleservices.support.SiecleFixtures.eleves;
import static fr.adminteleservices.support.SiecleFixtures.ine;
import static fr.adminteleservices.support.SiecleFixtures.personne;
import static fr.adminteleservices.support.SiecleFixtures.respLegal;
import static fr.adminteleservices.support.SiecleFixtures.responsables;
import static fr.adminteleservices.support.SiecleFixtures.upload;
import static fr.adminteleservices.support.SiecleFixtures.withIne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/**
 * Accounts on the portal (C5, E4, G3, G4, G6, password reset) through its screens, the processes
 * driven by moving the clock (their own paths: PortalAccountProcessContract, PasswordResetProcessContract); on H2 and MariaDB.
 */
abstract class AccountsContract extends PortalFamily {

    @Autowired
    Accounts accounts;

    @Test
    void afterFiveTriesOnAStudentsCodeEvenTheRightBirthDateWaits() throws Exception {
        String code = carOf(lea);
        for (int i = 1; i <= 5; i++) {
            assertThat(page(activate(code, "2012-04-0" + (3 + i), "essai-" + suffix, PASSWORD)).getElementById("code-error").text())
                    .startsWith("Le code d'activation ou la date de naissance est incorrect.");
        }
        // the right birth date now gets the answer of a wrong code, word for word as an unknown code's: nothing
        // tells an attacker that this code exists
        String exhausted = page(activate(code, "2012-04-03", "essai-" + suffix, PASSWORD)).getElementById("code-error").text();
        assertThat(exhausted).startsWith("Le code d'activation ou la date de naissance est incorrect.")
                .isEqualTo(page(activate("ZZZZZ-ZZZZZ-ZZZZZ", "2012-04-03", "essai-" + suffix, PASSWORD)).getElementById("code-error").text());
        // the other child's code is not held back
        assertThat(page(activate(carOf(hugo), "2014-06-05", "hugo-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(1))));
        assertThat(page(activate(code, "2012-04-03", "essai-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
    }

    /**
     * G7: Léa moves to another establishment of the académie (same INE); her own account and her
     * father's get the new establishment's codes, with their continuity date, once a service opens there
     * and her INE is no longer held by a present student of her former establishment (issue 14, point 4).
     */
    @Test
    void aChangeOfEstablishmentKeepsTheAccountsOnceAServiceIsOpenThere() throws Exception {
        String father = "continuite-" + suffix;
        page(activate(carOf(lea), "2012-04-03", father, PASSWORD));
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + accountId(father));
        execute(job(pi));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        String student = "lea-continuite-" + suffix;
        page(activate(caeOf(lea), "2012-04-03", student, PASSWORD));

        String next = fixtures.another();
        String leaInNext = withIne(eleve(lea, "Martin", "Léa", "03/04/2012", ""), ine(uai, lea)); // the same student
        List<SiecleImportService.Upload> nextExports = List.of(
                upload("ElevesSansAdresses.xml", eleves(next, leaInNext, division(lea, "2NDE1"))),
                upload("ResponsablesAvecAdresses.xml", responsables(next,
                        personne("77", "M.", "Martin", "Paul", "paul.martin@example.fr", ""), respLegal(lea, "77", "1"), "")));
        // her former establishment has not imported her departure yet: a duplicated INE, reported, never attached on
        assertThat(imports.importExports(next, nextExports, "test").rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains(ine(uai, lea)).contains(uai));
        opening.declare(next, "test");
        String attachedThere = "select count(*) from portal_account_code where uai = ? and account_id = ?";
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(father))).isZero();
        opening.setOpen(next, "NOTES", true, "test");
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(father))).isZero();
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(student))).isZero();

        // she leaves her former establishment; the new one's next import attaches both accounts
        imports.importExports(uai, Families.of(uai).student(hugo, "Martin", "Hugo", "05/06/2014", "5B").exports(), "test");
        assertThat(imports.importExports(next, nextExports, "test").rejected()).isEmpty();
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(father))).isEqualTo(1);
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(student))).isEqualTo(1);
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneId.of("Europe/Paris"));
        assertThat(jdbc.queryForObject("select c.continuity_on from guardian_code c join guardian_link l on l.id = c.valid_link_id "
                + "where l.uai = ?", LocalDate.class, next)).isEqualTo(today);
        assertThat(jdbc.queryForObject("select c.continuity_on from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ?", LocalDate.class, next)).isEqualTo(today);

        // once the night's replication has run, both accounts see Léa in her new establishment
        replication.runNow("test");
        assertThat(page(mvc.perform(get("/portail").session(login(father, PASSWORD)))).getElementById("children").text())
                .contains("2NDE1", "Collège d'essai " + next);
        assertThat(page(mvc.perform(get("/portail").session(login(student, PASSWORD)))).getElementById("children").text())
                .contains("Collège d'essai " + next);
    }

    @Test
    void weakPasswordsAndTakenIdentifiersAreRefusedWithTheirReason() throws Exception {
        String code = carOf(lea);
        assertThat(page(activate(code, "2012-04-03", "court-" + suffix, "court")).getElementById("password-error").text())
                .contains("au moins 12 caractères");
        assertThat(page(activate(code, "2012-04-03", "commun-" + suffix, "motdepasse123")).getElementById("password-error").text())
                .contains("les plus courants");
        assertThat(page(activate(code, "2012-04-03", "x", PASSWORD)).getElementById("username-error")).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from portal_account where username like ?", Integer.class, "%" + suffix))
                .isZero();
    }

    @Test
    void aGuardianGroupsChildrenAndANewCodeRestoresAnInvalidatedAccess() throws Exception {
        String username = "famille-" + suffix;
        page(activate(carOf(lea), "2012-04-03", username, PASSWORD));
        long id = accountId(username);
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        execute(job(pi));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        MockHttpSession session = login(username, PASSWORD);

        // G3: Hugo's code in the same account
        mvc.perform(post("/portail/enfants/ajout").session(session).with(csrf()).with(client()).param("code", carOf(hugo)).param("naissance", "2014-06-05"))
                .andExpect(redirectedUrl("/portail"));
        assertThat(page(mvc.perform(get("/portail").session(session))).select("#children li")).hasSize(2);

        long hugoId = jdbc.queryForObject("select id from student where uai = ? and eleve_id = ?", Long.class, uai, hugo);
        String hugosNotes = "/portail/eleves/" + uai + "/" + hugoId + "/notes";
        mvc.perform(get(hugosNotes).session(session)).andExpect(status().isOk());
        // the same question as the online enrolment asks it (AccountMapper's fragment reaches, shared with the pages)
        assertThat(accounts.reaches(id, uai, hugoId)).isTrue();
        assertThat(accounts.reaches(id, fixtures.another(), hugoId)).as("the same student id in another establishment").isFalse();

        // G4: the school invalidates Hugo's code (« Nouveau code »): the access stops at once, without waiting for the night
        guardianCodes.newCode(uai, linkOf(hugo), "test");
        Document suspended = page(mvc.perform(get("/portail").session(session)));
        assertThat(suspended.getElementById("children").text()).contains("l'accès est suspendu");
        mvc.perform(get(hugosNotes).session(session)).andExpect(status().isForbidden());
        assertThat(accounts.reaches(id, uai, hugoId)).isFalse();

        // G6: the new code, once replicated and usable, is entered into the same account
        replication.runNow("test");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
        mvc.perform(post("/portail/enfants/ajout").session(session).with(csrf()).with(client()).param("code", carOf(hugo)).param("naissance", "2014-06-05"))
                .andExpect(redirectedUrl("/portail"));
        Document restored = page(mvc.perform(get("/portail").session(session)));
        assertThat(restored.select("#children li")).hasSize(2);
        assertThat(restored.getElementById("children").text()).doesNotContain("suspendu");
    }

    @Test
    void aParentCannotTakeOverTheOtherParentsCode() throws Exception {
        // Claire becomes Léa's legal guardian 2, with her own code
        imports.importExports(uai, Families.of(uai)
                .student(lea, "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2").email("claire.martin@example.fr")
                .student(hugo, "Martin", "Hugo", "05/06/2014", "5B")
                .guardian("10", "M.", "Martin", "Paul", "1")
                .exports(), "test");
        guardianCodes.generate(uai, null, true, null, null, "test");
        replication.runNow("test");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
        String paulsCode = carOf(lea, "10");
        String clairesCode = carOf(lea, "11");

        String claire = "claire-" + suffix;
        page(activate(clairesCode, "2012-04-03", claire, PASSWORD));
        execute(job(process("portal-account", "ACCOUNT-" + accountId(claire))));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        MockHttpSession session = login(claire, PASSWORD);

        // Paul's code typed into Claire's account is refused: it is his, for his own account
        Document refused = page(mvc.perform(post("/portail/enfants/ajout").session(session).with(csrf()).with(client())
                .param("code", paulsCode).param("naissance", "2012-04-03")));
        assertThat(refused.text()).contains("Ce code est celui d'un autre responsable de Léa");
        assertThat(jdbc.queryForObject("select count(*) from portal_account_code a join guardian_code c on c.id = a.code_id "
                + "join guardian_link l on l.id = c.link_id join guardian g on g.id = l.guardian_id "
                + "where a.kind = 'CAR' and g.personne_id = '10' and g.uai = ?", Integer.class, uai)).isZero();
        // Paul still creates his own account with it
        assertThat(page(activate(paulsCode, "2012-04-03", "paul-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
    }

    @Test
    void anExpiredCodeStopsOpeningAnAccountAtOnceNotAtNight() throws Exception {
        startLifecycles();
        String paulsCode = carOf(lea);
        String leasCode = caeOf(lea);
        long car = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, linkOf(lea));
        long cae = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Long.class, uai, lea);
        // a year and a day without an account: « Un an sans compte »
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(367))));
        for (String key : List.of("CAR-" + car, "CAE-" + cae)) {
            ProcessInstance lifecycle = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();
            assertThat(lifecycle).as("the lifecycle of %s", key).isNotNull();
            execute(job(lifecycle));
        }
        assertThat(jdbc.queryForObject("select invalidation_reason from guardian_code where id = ?", String.class, car)).isNotNull();
        refusedOnThePortal(paulsCode, "2012-04-03", "an expired CAR");
        refusedOnThePortal(leasCode, "2012-04-03", "an expired (and replaced) CAE");
    }

    @Test
    void aDepartureAnEndedLinkOrARefusalTakesTheCodesFromThePortalAtOnce() throws Exception {
        String paulForLea = carOf(lea);
        String paulForHugo = carOf(hugo);
        String hugosCode = caeOf(hugo);
        // Hugo leaves (he is not in the new export) and Paul is no longer Léa's legal guardian
        imports.importExports(uai, List.of(
                upload("ElevesSansAdresses.xml", eleves(uai, eleve(lea, "Martin", "Léa", "03/04/2012", ""), division(lea, "3A"))),
                upload("ResponsablesAvecAdresses.xml", responsables(uai,
                        personne("10", "M.", "Martin", "Paul", "paul.martin@example.fr", ""), "", ""))), "test");
        refusedOnThePortal(hugosCode, "2014-06-05", "the CAE of a student who left");
        refusedOnThePortal(paulForHugo, "2014-06-05", "the CAR of a student who left");
        refusedOnThePortal(paulForLea, "2012-04-03", "the CAR of an ended link");
    }

    @Test
    void aRightCodeNotValidYetSaysFromWhenWithoutHelpingAGuess() throws Exception {
        String code = carOf(lea);
        LocalDate validFrom = jdbc.queryForObject("select valid_from from guardian_code where valid_link_id = ?", LocalDate.class,
                linkOf(lea));
        ClockUtil.setCurrentTime(Date.from(validFrom.minusDays(1).atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant()));
        assertThat(page(activate(code, "2012-04-03", "tot-" + suffix, PASSWORD)).getElementById("code-error").text())
                .isEqualTo("Ce code sera utilisable à partir du " + validFrom.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ".");
        // with a wrong birth date, the same code gets the wrong code's answer
        assertThat(page(activate(code, "2012-04-04", "tot-" + suffix, PASSWORD)).getElementById("code-error").text())
                .startsWith("Le code d'activation ou la date de naissance est incorrect.");
    }

    @Test
    void aRefusedGuardiansCodeNoLongerOpensAnAccount() throws Exception {
        String paulForLea = carOf(lea);
        guardianCodes.refuse(uai, linkOf(lea), "test");
        refusedOnThePortal(paulForLea, "2012-04-03", "the CAR of a guardian who refused");
    }

    @Test
    void theHeadSeesTheAccountPanelAndResetsThePasswordOnlyOnceConfirmed() throws Exception {
        String username = "panel-" + suffix;
        page(activate(carOf(lea), "2012-04-03", username, PASSWORD));
        long id = accountId(username);
        MockHttpSession head = (MockHttpSession) mvc.perform(formLogin("/login").user(Heads.username(uai)).password(Heads.password(uai)))
                .andReturn().getRequest().getSession(false);
        String couple = "/etablissements/" + uai + "/responsables/couples/" + linkOf(lea);
        Document provisional = page(mvc.perform(get(couple).session(head)));
        assertThat(provisional.getElementById("account-panel").text()).contains(username, "Provisoire", "Jamais");
        assertThat(provisional.getElementById("reset-password")).isNull();
        mvc.perform(post("/api/establishments/" + uai + "/accounts/" + id + "/password-reset").with(Heads.headOf(uai)))
                .andExpect(status().isConflict());

        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        execute(job(pi));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        login(username, PASSWORD);
        Document confirmed = page(mvc.perform(get(couple).session(head)));
        assertThat(confirmed.getElementById("account-panel").text()).contains("Validé", "paul.martin@example.fr").doesNotContain("Jamais");
        mvc.perform(post("/etablissements/" + uai + "/comptes/" + id + "/reinitialisation").session(head).with(csrf()).param("retour", couple))
                .andExpect(redirectedUrl(couple));
        ProcessInstance reset = process("password-reset", "RESET-" + id);
        BpmnAwareTests.assertThat(reset).isWaitingAt("EnvoyerLien");
        execute(job(reset));
        assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("Choisissez un nouveau mot de passe");

        // another establishment's head reaches neither the panel nor the account
        String other = fixtures.another();
        mvc.perform(post("/api/establishments/" + other + "/accounts/" + id + "/password-reset").with(Heads.headOf(other)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/establishments/" + uai + "/accounts/" + id + "/password-reset").with(Heads.headOf(other)))
                .andExpect(status().isForbidden());
        // and an administrator's session is not a portal session
        mvc.perform(get("/portail").session(head)).andExpect(redirectedUrlPattern("**/portail/connexion"));
    }

    /**
     * 18.4: passwords in bcrypt, cost 10; a hash of other settings (an older cost, Argon2id) is re-hashed at its
     * next good log-in, and a re-hash is not a new password: it ends no session.
     */
    @Test
    void aHashOfOtherSettingsIsReHashedAtItsNextLogInAndEndsNoSession() throws Exception {
        String username = "rehash-" + suffix;
        page(activate(caeOf(hugo), "2014-06-05", username, PASSWORD));
        assertThat(passwordHash(username)).startsWith("{bcrypt}$2a$10$");

        // an account of before: its password hashed with a lower cost
        String older = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(PASSWORD);
        jdbc.update("update portal_account set password_hash = ? where username = ?", older, username);
        MockHttpSession first = login(username, PASSWORD);
        mvc.perform(get("/portail").session(first)).andExpect(status().isOk());
        String rehashed = passwordHash(username);
        assertThat(rehashed).startsWith("{bcrypt}$2a$10$");
        assertThat(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                .matches(PASSWORD, rehashed.substring("{bcrypt}".length()))).isTrue();

        // an Argon2id hash (another algorithm) too; the first session goes on
        String argon2 = "{argon2}" + new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 12 * 1024, 3)
                .encode(PASSWORD);
        jdbc.update("update portal_account set password_hash = ? where username = ?", argon2, username);
        MockHttpSession second = login(username, PASSWORD);
        assertThat(passwordHash(username)).startsWith("{bcrypt}$2a$10$");
        mvc.perform(get("/portail").session(first)).andExpect(status().isOk());
        mvc.perform(get("/portail").session(second)).andExpect(status().isOk());
        // a hash of the current settings is left as it is
        String current = passwordHash(username);
        login(username, PASSWORD);
        assertThat(passwordHash(username)).isEqualTo(current);
        assertThat(jdbc.queryForObject("select password_version from portal_account where username = ?", Integer.class, username))
                .isZero();
    }

    private String passwordHash(String username) {
        return jdbc.queryForObject("select password_hash from portal_account where username = ?", String.class, username);
    }
}
