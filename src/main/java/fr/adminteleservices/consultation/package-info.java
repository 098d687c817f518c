/**
 * Consultation of grades, absences and LPC validations by guardians and students (§1.1, §3.2.5, §3.2.6;
 * G1, S5, S6, R1, D1, T3): the pages {@code /portail/eleves/{uai}/{studentId}/notes}, {@code /absences}
 * and {@code /livret} read the child's rows of the téléservices side, keep those the rule
 * {@code rules/publication-visibility.drl} shows today, and count each page view in
 * {@code consultation_log} for the access statistics. The administrative side (what SIECLE Notes,
 * Absences and LPC hold) is written through {@link fr.adminteleservices.consultation.SchoolRecords}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consultation des notes, des absences et du LPC",
        allowedDependencies = {"accounts", "platform", "settings"})
package fr.adminteleservices.consultation;
