package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.security.Roles;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/refus-coupon.bpmn: a head records a refusal coupon from Tasklist, for their establishment only. */
abstract class RefusCouponProcessContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    StudentCodes studentCodes;

    String uai;

    @BeforeEach
    void establishment() {
        init(engine);
        uai = fixtures.establishment().families(id -> Families.of(id).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1")).open("NOTES").create();
    }

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    /** As Tasklist does: the head is the authenticated user, with their groups and tenants. */
    ProcessInstance startAsHead(String tenant, Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(Heads.username(uai), List.of(Roles.HEADS_GROUP), List.of(tenant));
        try {
            return engine.getRuntimeService().startProcessInstanceByKey("refus-coupon", form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void aCouponForBothTheGuardianAndTheStudentIsRecorded() {
        long link = guardianCodes.couples(uai, false, null, null, null).get(0).linkId();
        guardianCodes.generate(uai, List.of(link), false, null, null, "test");

        ProcessInstance pi = startAsHead(uai, Map.of("uai", uai, "eleveId", "1", "personneId", "10",
                "pourMoiMeme", true, "pourEleve", true));

        assertThat(pi).isEnded().hasPassed("CouponRecu", "EnregistrerRefus", "RefusEnregistre");
        org.assertj.core.api.Assertions.assertThat(pi.getTenantId()).isEqualTo(uai);
        Couple couple = guardianCodes.couple(uai, link);
        assertThat(couple.refused()).isTrue();
        assertThat(couple.hasValidCode()).isFalse();
        StudentCodes.StudentView student = studentCodes.student(uai, "1");
        assertThat(student.refused()).isTrue();
        assertThat(student.hasValidCode()).as("the CAE stays valid for the ENT").isTrue();
        assertThat(guardianCodes.history(uai, link).get(0).invalidationReason()).isEqualTo("Refus du responsable (coupon réponse)");
    }

    @Test
    void aHeadCannotRecordACouponForAnotherEstablishmentNorAnEmptyOne() {
        assertThatThrownBy(() -> startAsHead("0990001N", Map.of("uai", uai, "eleveId", "1", "pourEleve", true)))
                .hasMessageContaining("Vous n'avez pas accès à l'établissement " + uai);
        assertThatThrownBy(() -> startAsHead(uai, Map.of("uai", uai, "eleveId", "1")))
                .hasMessageContaining("Cochez au moins une case du coupon");
        assertThatThrownBy(() -> startAsHead(uai, Map.of("uai", uai, "eleveId", "1", "pourMoiMeme", true, "personneId", "99")))
                .hasMessageContaining("Le responsable 99 n'est pas responsable de l'élève 1");
        assertThat(studentCodes.student(uai, "1").refused()).isFalse();
    }
}
