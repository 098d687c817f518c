package fr.adminteleservices.statistics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV downloads of the statistics, as French spreadsheet users expect them: UTF-8 with a byte order mark (so
 * the accents open right), {@code ;} between cells, shares with a decimal comma.
 */
final class StatisticsCsv {

    private static final CSVFormat FORMAT = CSVFormat.Builder.create(CSVFormat.DEFAULT)
            .setDelimiter(';').setRecordSeparator("\r\n").get();

    private StatisticsCsv() {
    }

    /**
     * A synthesis: the line of the whole, then the lines by structure (MEF and division) or, for the académie, by
     * establishment (UAI and name), then « Somme ».
     */
    static <L extends SynthesisLine> void synthesis(Synthesis<L> synthesis, OutputStream out) {
        boolean academy = synthesis.academy() != null;
        synthesis(synthesis, SynthesisLine.columnsOf(synthesis.total()), academy,
                l -> academy ? new String[] {l.uai(), l.name()} : new String[] {l.mefLabel() != null ? l.mefLabel() : l.mef(), l.division()},
                out);
    }

    private static <L> void synthesis(Synthesis<L> synthesis, List<Column<L>> columns, boolean academy,
                                      Function<L, String[]> keys, OutputStream out) {        write(out, csv -> {
            List<String> header = new ArrayList<>(List.of("Ligne"));
            header.addAll(academy ? List.of("UAI", "Établissement") : List.of("MEF", "Division"));
            columns.forEach(c -> header.add(c.header()));
            csv.printRecord(header);
            L total = synthesis.total();
            csv.printRecord(line(academy ? "Académie" : "Établissement", academy ? new String[] {"", name(keys, total)}
                    : new String[] {"", ""}, total, columns));
            for (L row : synthesis.rows()) {
                csv.printRecord(line(academy ? "Établissement" : "Structure", keys.apply(row), row, columns));
            }
            csv.printRecord(line("Somme", new String[] {"", ""}, synthesis.sum(), columns));
        });
    }

    /** The three tables of accesses, one after the other in long form (table, label, then the figures). */
    static void accesses(Accesses a, OutputStream out) {
        write(out, csv -> {
            csv.printRecord("Tableau", "Libellé", "Code", "Absences", "LPC", "Notes", "Fiche de renseignements",
                    "Responsables", "Élèves", "Total");
            for (Accesses.ByMonth m : a.byMonth()) {
                csv.printRecord("Par mois", m.label(), m.month(), m.absences(), m.lpc(), m.notes(), m.ficheRenseignements(),
                        m.guardians(), m.students(), m.total());
            }
            for (Accesses.ByCategory c : a.byCategory()) {
                AccessCategory category = AccessCategory.valueOf(c.category());
                csv.printRecord("Par catégorie", c.label(), c.category(),
                        category == AccessCategory.ABSENCES ? c.total() : 0, category == AccessCategory.LPC ? c.total() : 0,
                        category == AccessCategory.NOTES ? c.total() : 0,
                        category == AccessCategory.FICHE_RENSEIGNEMENTS ? c.total() : 0, c.guardians(), c.students(), c.total());
            }
            for (Accesses.ByMefStat m : a.byMefStat()) {
                csv.printRecord("Par MEFSTAT", m.label(), m.mefStat() == null ? "" : m.mefStat(), m.absences(), m.lpc(),
                        m.notes(), m.ficheRenseignements(), m.guardians(), m.students(), m.total());
            }
        });
    }

    private static <L> List<String> line(String kind, String[] keys, L line, List<Column<L>> columns) {
        List<String> cells = new ArrayList<>(List.of(kind, nullToEmpty(keys[0]), nullToEmpty(keys[1])));
        columns.forEach(c -> cells.add(c.csv(line)));
        return cells;
    }

    private static <L> String name(Function<L, String[]> keys, L line) {
        return keys.apply(line)[1];
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private interface Body {
        void write(CSVPrinter csv) throws IOException;
    }

    private static void write(OutputStream out, Body body) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(writer, FORMAT);
            body.write(csv);
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
