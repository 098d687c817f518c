package fr.adminteleservices.siecle;

import java.util.Arrays;
import java.util.Optional;

/** The SIECLE exports we read, recognised by their root element (not by their file name). */
enum ExportKind {
    NOMENCLATURES("BEE_NOMENCLATURES"),
    STRUCTURES("BEE_STRUCTURES"),
    STUDENTS("BEE_ELEVES"),
    GUARDIANS("BEE_RESPONSABLES");

    final String root;

    ExportKind(String root) {
        this.root = root;
    }

    static Optional<ExportKind> ofRoot(String root) {
        return Arrays.stream(values()).filter(k -> k.root.equals(root)).findFirst();
    }
}
