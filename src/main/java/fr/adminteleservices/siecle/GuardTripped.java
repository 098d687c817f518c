package fr.adminteleservices.siecle;

import java.util.List;

/**
 * Thrown inside the import's savepoint when its difference is too destructive: everything it wrote
 * is rolled back, and the import waits for the head's confirmation instead.
 */
class GuardTripped extends RuntimeException {

    final ImportReport wouldDo;
    final int studentsPresent;
    final int linksPresent;
    final int studentThreshold;
    final int linkThreshold;
    final List<String> leavingEleveIds;

    GuardTripped(ImportReport wouldDo, int studentsPresent, int linksPresent, int studentThreshold, int linkThreshold,
                 List<String> leavingEleveIds) {
        super("import " + wouldDo.importId() + " needs a confirmation", null, false, false);
        this.wouldDo = wouldDo;
        this.studentsPresent = studentsPresent;
        this.linksPresent = linksPresent;
        this.studentThreshold = studentThreshold;
        this.linkThreshold = linkThreshold;
        this.leavingEleveIds = leavingEleveIds;
    }
}
