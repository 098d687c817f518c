package fr.adminteleservices.statistics;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What every line of a synthesis says of itself: the establishment (académie view) or the MEF and division
 * (establishment view) it counts. The screen, the CSV file and its name take the columns from the line's type.
 */
interface SynthesisLine {

    String uai();

    String name();

    String mef();

    String mefLabel();

    String division();

    @SuppressWarnings("unchecked")
    static <L extends SynthesisLine> List<Column<L>> columnsOf(L line) {
        Object columns = line instanceof GuardianCodeLine ? GuardianCodeLine.COLUMNS
                : line instanceof StudentCodeLine ? StudentCodeLine.COLUMNS
                : FunnelLine.columns(((FunnelLine) line).guardians());
        return (List<Column<L>>) columns;
    }

    /** One count added up over the lines, for the « Somme » line. */
    static <L> int total(List<L> lines, ToIntFunction<L> count) {
        return lines.stream().mapToInt(count).sum();
    }

    /** The first words of the CSV file's name. */
    static String fileKind(SynthesisLine line) {
        if (line instanceof FunnelLine f) {
            return f.guardians() ? "parcours-comptes-responsables" : "parcours-comptes-eleves";
        }
        return line instanceof GuardianCodeLine ? "codes-responsables" : "codes-eleves";
    }
}
