package fr.adminteleservices.siecle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What an import did: created, updated and left (students who left, guardians no longer listed,
 * links that ended), every rejected record with its file, identifier and French reason, and what it
 * did to activation codes. An import held by the guard on departures did nothing yet: it is
 * {@code awaitingConfirmation}, its counts are what it would do, and {@code confirmation} says why.
 */
public record ImportReport(
        @JsonIgnore String importId,
        @JsonIgnore String uai,
        @JsonIgnore Instant importedAt,
        Counts students,
        Counts guardians,
        Counts links,
        List<Rejection> rejected,
        boolean awaitingConfirmation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Confirmation confirmation,
        @JsonInclude(JsonInclude.Include.NON_NULL) CodesReport codes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Nomenclature nomenclature) {

    public ImportReport(String importId, String uai, Instant importedAt, Counts students, Counts guardians, Counts links,
                        List<Rejection> rejected) {
        this(importId, uai, importedAt, students, guardians, links, rejected, false, null, null, null);
    }

    ImportReport withCodes(CodesReport codesReport) {
        return new ImportReport(importId, uai, importedAt, students, guardians, links, rejected, awaitingConfirmation,
                confirmation, codesReport, nomenclature);
    }

    ImportReport withNomenclature(Nomenclature read) {
        return new ImportReport(importId, uai, importedAt, students, guardians, links, rejected, awaitingConfirmation,
                confirmation, codes, read);
    }

    /**
     * What a Nomenclature or Structures export read and what it replaced: MEFs and divisions created or
     * updated; subjects, programmes and options (programmes of modality O, the téléinscription's) before
     * and after. Null members: that file was not in the import.
     */
    public record Nomenclature(@JsonInclude(JsonInclude.Include.NON_NULL) Counts mefs,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Counts divisions,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Replaced subjects,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Replaced programmes,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Replaced options) {
    }

    public record Replaced(int before, int after) {
    }

    public record Counts(int created, int updated, int left) {
        public int total() {
            return created + updated + left;
        }
    }

    /** {@code record} is the SIECLE identifier, e.g. "ELEVE_ID 1234" or "PERSONNE_ID 88". */
    public record Rejection(String file, String record, String reason) {
    }

    /**
     * An import waiting at « Confirmer un import qui fait partir N élèves »: present and leaving students,
     * present and ending links, the thresholds crossed, the first departing students by division, the
     * téléinscription options its Nomenclature would remove while the window is open, when it is cancelled
     * without an answer, and the two calls that answer it.
     */
    public record Confirmation(String importId, String state, Guarded students, Guarded links,
                               List<Departure> departing, List<RemovedOption> optionsRemoved, Instant expiresAt,
                               String confirm, String cancel, String decidedBy, Instant decidedAt) {

        /** The task's name, also the screen's title: « Confirmer un import qui fait partir N élèves », or why else. */
        public String title() {
            return "Confirmer un import qui " + motif(students.leaving(), students.threshold(), optionsRemoved);
        }

        /** What makes the import wait, as the end of « Confirmer un import qui … ». */
        static String motif(int leaving, int threshold, List<RemovedOption> optionsRemoved) {
            String departures = "fait partir " + leaving + " élèves";
            if (optionsRemoved.isEmpty()) {
                return departures;
            }
            int n = optionsRemoved.size();
            String options = "retire " + n + (n == 1 ? " option" : " options") + " de la téléinscription ouverte";
            return leaving > threshold ? departures + " et " + options : options;
        }

        /** The options as the head reads them: « Latin (MEF 20010017110), … ». */
        static String optionsText(List<RemovedOption> optionsRemoved) {
            return optionsRemoved.isEmpty() ? "aucune" : String.join(", ", optionsRemoved.stream()
                    .map(o -> o.label() + " (MEF " + o.mefCode() + ")").toList());
        }
    }

    /** A téléinscription option (a subject of a MEF of seconde GT) that a Nomenclature would remove. */
    public record RemovedOption(String mefCode, String subjectCode, String label) {
    }

    public record Guarded(int present, int leaving, int threshold) {
    }

    public record Departure(String eleveId, String lastName, String firstName, String division) {
    }

    /** Codes created and invalidated by the import, with the students (and guardians) concerned. */
    public record CodesReport(int caesCreated, int caesInvalidated, int carsInvalidated, List<CodeChange> changes) {
    }

    public record CodeChange(String effect, String eleveId, String lastName, String firstName, String division,
                             String guardian, String reason) {
    }
}
