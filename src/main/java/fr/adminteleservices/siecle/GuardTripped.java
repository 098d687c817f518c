package fr.adminteleservices.siecle;

import java.util.List;

/**
 * Thrown inside the import's savepoint when its difference is too destructive (too many departures, or
 * téléinscription options removed while the window is open): everything it wrote
 * is rolled back, and the import waits for the head's confirmation instead.
 */
class GuardTripped extends RuntimeException {

    final ImportReport wouldDo;
    final int studentsPresent;
    final int linksPresent;
    final int studentThreshold;
    final int linkThreshold;
    final List<String> leavingEleveIds;
    /** téléinscription options the Nomenclature would remove while the window is open (empty otherwise) */
    final List<ImportReport.RemovedOption> optionsRemoved;

    GuardTripped(ImportReport wouldDo, int studentsPresent, int linksPresent, int studentThreshold, int linkThreshold,
                 List<String> leavingEleveIds, List<ImportReport.RemovedOption> optionsRemoved) {
        super("import " + wouldDo.importId() + " needs a confirmation", null, false, false);
        this.wouldDo = wouldDo;
        this.studentsPresent = studentsPresent;
        this.linksPresent = linksPresent;
        this.studentThreshold = studentThreshold;
        this.linkThreshold = linkThreshold;
        this.leavingEleveIds = leavingEleveIds;
        this.optionsRemoved = optionsRemoved;
    }
}
