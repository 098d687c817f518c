package fr.adminteleservices.siecle;

import java.time.Instant;
import java.time.LocalDate;

/** Rows of the import's SQL (SiecleImportMapper.xml). Records compare field by field for the difference. */
final class ImportRows {

    private ImportRows() {
    }

    record MefRow(String code, String label, String editionLabel, String mefstat) {
    }

    /** MATIERES/MATIERE of Nomenclature.xml. */
    record SubjectRow(String code, String managementCode, String label, String editionLabel) {
    }

    /** PROGRAMMES/PROGRAMME of Nomenclature.xml. */
    record ProgrammeRow(String mefCode, String subjectCode, String modality) {
    }

    record DivisionRow(String code, String label, String mefCode) {
    }

    record StudentRow(Long id, String uai, String eleveId, String elenoet, String ine, String lastName, String usageName,
                      String firstName, String firstName2, LocalDate birthDate, String sex, String mefCode,
                      String divisionCode, LocalDate entryDate, LocalDate leftOn, String previousUai,
                      LocalDate plannedExitOn) {

        StudentRow withId(Long newId) {
            return new StudentRow(newId, uai, eleveId, elenoet, ine, lastName, usageName, firstName, firstName2, birthDate,
                    sex, mefCode, divisionCode, entryDate, leftOn, previousUai, plannedExitOn);
        }

        StudentRow leaving(LocalDate on) {
            return new StudentRow(id, uai, eleveId, elenoet, ine, lastName, usageName, firstName, firstName2, birthDate,
                    sex, mefCode, divisionCode, entryDate, on, previousUai, plannedExitOn);
        }
    }

    record GuardianRow(Long id, String uai, String personneId, String civility, String lastName, String firstName,
                       String email, String mobilePhone, String addressLine1, String addressLine2, String addressLine3,
                       String addressLine4, String postalCode, String city, String country, LocalDate leftOn) {

        GuardianRow withId(Long newId) {
            return new GuardianRow(newId, uai, personneId, civility, lastName, firstName, email, mobilePhone, addressLine1,
                    addressLine2, addressLine3, addressLine4, postalCode, city, country, leftOn);
        }
    }

    record LinkRow(Long id, String uai, Long studentId, Long guardianId, Integer legalRank, String relationship,
                   LocalDate endedOn) {

        LinkRow withId(Long newId) {
            return new LinkRow(newId, uai, studentId, guardianId, legalRank, relationship, endedOn);
        }
    }

    record IdKey(Long id, String ref) {
    }

    record ImportRow(String id, String uai, Instant importedAt, String importedBy, String files,
                     int studentsCreated, int studentsUpdated, int studentsLeft,
                     int guardiansCreated, int guardiansUpdated, int guardiansLeft,
                     int linksCreated, int linksUpdated, int linksLeft, int rejectedCount, String processInstanceId,
                     LocalDate exportDate, Integer schoolYear,
                     Integer mefsCreated, Integer mefsUpdated, Integer divisionsCreated, Integer divisionsUpdated,
                     Integer subjectsBefore, Integer subjectsAfter, Integer programmesBefore, Integer programmesAfter,
                     Integer optionsBefore, Integer optionsAfter) {

        ImportReport.Nomenclature nomenclature() {
            if (mefsCreated == null && divisionsCreated == null) {
                return null;
            }
            return new ImportReport.Nomenclature(
                    mefsCreated == null ? null : new ImportReport.Counts(mefsCreated, mefsUpdated, 0),
                    divisionsCreated == null ? null : new ImportReport.Counts(divisionsCreated, divisionsUpdated, 0),
                    subjectsBefore == null ? null : new ImportReport.Replaced(subjectsBefore, subjectsAfter),
                    programmesBefore == null ? null : new ImportReport.Replaced(programmesBefore, programmesAfter),
                    optionsBefore == null ? null : new ImportReport.Replaced(optionsBefore, optionsAfter));
        }
    }

    /** A present student here and a present student of another establishment of the académie sharing their INE. */
    record IneHeldElsewhere(String eleveId, String ine, String otherEleveId, String otherUai) {
    }

    /** Counts of the establishment's Nomenclature tables, before and after an import. */
    record NomenclatureCounts(int subjects, int programmes, int options) {
    }

    /** An import waiting for (or past) the head's answer, without its files. */
    record PendingRow(String id, String uai, Instant requestedAt, String requestedBy, String files, String state,
                      int studentsCreated, int studentsUpdated, int studentsPresent, int studentsLeaving,
                      int guardiansCreated, int guardiansUpdated, int guardiansLeft,
                      int linksCreated, int linksUpdated, int linksPresent, int linksEnding,
                      int studentThreshold, int linkThreshold, Instant expiresAt, String decidedBy, Instant decidedAt,
                      String processInstanceId) {
    }

    record PendingFile(String name, byte[] content) {
    }

    record CodeEffectRow(String effect, String eleveId, String lastName, String firstName, String division,
                         String guardianCivility, String guardianLastName, String guardianFirstName, String reason) {
    }
}
