package fr.adminteleservices.codes;

import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;

/** CARs (C1, C3, G5, D5) through the API and their lifecycle processes (code-generation: CodeGenerationProcessContract), on H2 and MariaDB. */
abstract class GuardianCodesContract extends EstablishmentWithCouples {

    @Test
    void theListSaysWhoMayGetACodeAndWhyNot() throws Exception {
        mvc.perform(get(base() + "/guardian-links").with(headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[?(@.guardian.personneId == '10')].eligible").value(hasItem(true)))
                .andExpect(jsonPath("$[?(@.guardian.personneId == '10')].legalRank").value(hasItem(1)))
                .andExpect(jsonPath("$[?(@.guardian.personneId == '10')].student.eleveId").value(hasItem("1")))
                .andExpect(jsonPath("$[?(@.guardian.personneId == '12')].eligible").value(hasItem(false)))
                .andExpect(jsonPath("$[?(@.guardian.personneId == '12')].reason")
                        .value(hasItem("Seuls les responsables légaux 1 et 2 peuvent recevoir un code d'activation.")));
        mvc.perform(get(base() + "/guardian-links").param("division", "3B").with(headOf(uai)))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].guardian.lastName").value("Bernard"));
    }

    @Test
    void theNameFilterTakesWildcardsAsCharacters() throws Exception {
        mvc.perform(get(base() + "/guardian-links").param("name", "mar").with(headOf(uai)))
                .andExpect(jsonPath("$.length()").value(3)); // Léa Martin's three guardians
        for (String wildcard : new String[] {"%", "_", "%in", "_artin", "!", "m%"}) {
            mvc.perform(get(base() + "/guardian-links").param("name", wildcard).with(headOf(uai)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        }
    }

    @Test
    void aMassGenerationCreatesOneCodePerEligibleCoupleAndARetryCreatesNone() throws Exception {
        generate("{\"all\":true}").andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.skipped.length()").value(1))
                .andExpect(jsonPath("$.skipped[0].linkId").value(linkOf("12")))
                .andExpect(jsonPath("$.skipped[0].reason").value("Seuls les responsables légaux 1 et 2 peuvent recevoir un code d'activation."));

        String again = generate("{\"all\":true}").andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.skipped[?(@.linkId == " + linkOf("10") + ")].reason")
                        .value(hasItem("Un code valide existe déjà pour ce couple : pour le remplacer, passez par « Gérer le code »."))
                ).andReturn().getResponse().getContentAsString();
        mvc.perform(get(base() + "/code-generations/" + JsonPath.read(again, "$.generationId")).with(headOf(uai)))
                .andExpect(jsonPath("$.codes").value(0)).andExpect(jsonPath("$.done").value(true));
        generate("{\"linkIds\":[" + linkOf("10") + ", 999999]}").andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.skipped[?(@.linkId == 999999)].reason")
                        .value(hasItem("Ce couple élève / responsable n'existe pas (ou plus) dans l'établissement.")));

        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_link_id is not null",
                Integer.class, uai)).isEqualTo(3);
        mvc.perform(get(base() + "/guardian-links").with(headOf(uai)))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get(base() + "/guardian-links").param("view", "all").with(headOf(uai)))
                .andExpect(jsonPath("$[?(@.guardian.personneId == '10')].hasValidCode").value(hasItem(true)));
    }

    @Test
    void theStudentLeavingEndsTheCouplesCodesAndTheirLifecycles() throws Exception {
        generate("{\"all\":true}").andExpect(jsonPath("$.created").value(3));
        runGenerationJobs();
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, linkOf("13"));
        ProcessInstance lifecycle = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("CAR-" + code).singleResult();

        imports.importExports(uai, Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B").leftOn("15/10/2026").exports(), "test");

        mvc.perform(get(base() + "/guardian-links/" + linkOf("13") + "/codes").with(headOf(uai)))
                .andExpect(jsonPath("$[0].valid").value(false))
                .andExpect(jsonPath("$[0].invalidationReason").value("Départ de l'élève"));
        assertThat(lifecycle).isEnded().hasPassed("CodeInvalide");
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_link_id is not null",
                Integer.class, uai)).isEqualTo(2);
    }

    @Test
    void theDatabaseRefusesASecondValidCodeForACouple() throws Exception {
        generate("{\"linkIds\":[" + linkOf("10") + "]}").andExpect(jsonPath("$.created").value(1));
        assertThatThrownBy(() -> jdbc.update("insert into guardian_code (uai, link_id, lookup_hash, encrypted_value, hint, "
                + "created_at, valid_from, valid_link_id) values (?, ?, ?, 'x', 'AB', current_timestamp, current_date, ?)",
                uai, linkOf("10"), "f".repeat(64), linkOf("10"))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aNewCodeReplacesTheValidOneAndItsValueIsSecretUntilShown() throws Exception {
        long link = linkOf("11");
        generate("{\"linkIds\":[" + link + "]}").andExpect(jsonPath("$.created").value(1));
        LocalDate today = LocalDate.now(clock);

        mvc.perform(post(base() + "/guardian-links/" + link + "/codes").with(headOf(uai)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.validFrom").value(today.plusDays(1).toString()))
                .andExpect(jsonPath("$.maskedValue").value(matchesPattern("•••••-•••••-•••[2-9A-Z]{2}")));
        String history = mvc.perform(get(base() + "/guardian-links/" + link + "/codes").with(headOf(uai)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].valid").value(true))
                .andExpect(jsonPath("$[0].used").value(false))
                .andExpect(jsonPath("$[1].valid").value(false))
                .andExpect(jsonPath("$[1].invalidationReason").value("Remplacé par un nouveau code"))
                .andExpect(jsonPath("$[1].invalidatedOn").value(today.toString()))
                .andReturn().getResponse().getContentAsString();
        long codeId = ((Number) JsonPath.read(history, "$[0].id")).longValue();

        String shown = mvc.perform(post(base() + "/guardian-links/" + link + "/codes/" + codeId + "/reveal").with(headOf(uai)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.value").value(matchesPattern(CODE_PATTERN)))
                .andReturn().getResponse().getContentAsString();
        String value = JsonPath.read(shown, "$.value");

        assertThat(jdbc.queryForObject("select count(*) from code_reveal where code_id = ? and revealed_by = ?", Integer.class,
                codeId, Heads.username(uai))).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("select * from guardian_code where id = ?", codeId);
        assertThat(row.values()).noneMatch(v -> v != null && (v.toString().contains(value) || v.toString().contains(value.replace("-", ""))));
        assertThat(value).endsWith(row.get("HINT") != null ? row.get("HINT").toString() : row.get("hint").toString());
    }

    @Test
    void aRefusalInvalidatesTheCodeAndKeepsTheCoupleOutOfGenerationsUntilWithdrawn() throws Exception {
        long link = linkOf("13");
        generate("{\"linkIds\":[" + link + "]}").andExpect(jsonPath("$.created").value(1));

        mvc.perform(post(base() + "/guardian-links/" + link + "/refusal").with(headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refused").value(true))
                .andExpect(jsonPath("$.hasValidCode").value(false))
                .andExpect(jsonPath("$.reason").value("Le responsable a refusé l'accès aux téléservices (coupon réponse « pour moi-même »)."));
        mvc.perform(get(base() + "/guardian-links/" + link + "/codes").with(headOf(uai)))
                .andExpect(jsonPath("$[0].invalidationReason").value("Refus du responsable (coupon réponse)"));
        generate("{\"linkIds\":[" + link + "]}").andExpect(jsonPath("$.created").value(0));
        mvc.perform(post(base() + "/guardian-links/" + link + "/codes").with(headOf(uai))).andExpect(status().isConflict());

        mvc.perform(delete(base() + "/guardian-links/" + link + "/refusal").with(headOf(uai)))
                .andExpect(jsonPath("$.refused").value(false)).andExpect(jsonPath("$.eligible").value(true));
        generate("{\"linkIds\":[" + link + "]}").andExpect(jsonPath("$.created").value(1));
    }

    @Test
    void noCodeWithoutAnOpenServiceNorForAnotherEstablishment() throws Exception {
        opening.setOpen(uai, "NOTES", false, "test");
        generate("{\"all\":true}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("Aucun téléservice n'est ouvert")));
        generate("{}").andExpect(status().isConflict());
        opening.setOpen(uai, "NOTES", true, "test");
        generate("{}").andExpect(status().isBadRequest());
        // every CAR and CAE endpoint of another establishment, the writes too: the class-level rule covers each one
        String other = "/api/establishments/0990001N";
        for (var request : List.of(get(other + "/guardian-links"), post(other + "/guardian-codes/generation"),
                get(other + "/code-generations/x"), get(other + "/guardian-links/1/codes"), post(other + "/guardian-links/1/codes"),
                post(other + "/guardian-links/1/codes/1/reveal"), post(other + "/guardian-links/1/refusal"),
                delete(other + "/guardian-links/1/refusal"), get(other + "/students/1/codes"), post(other + "/students/1/codes"),
                post(other + "/students/1/codes/1/reveal"), get(other + "/students/1/access"), post(other + "/students/1/refusal"),
                delete(other + "/students/1/refusal"))) {
            mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content("{\"all\":true}").with(headOf(uai)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get(base() + "/guardian-links/999999/codes").with(headOf(uai))).andExpect(status().isNotFound());
    }
}
