package fr.adminteleservices.statistics;

import static fr.adminteleservices.statistics.SynthesisLine.total;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of « Synthèse codes élèves » (§6.1): the establishment, a MEF and division, an establishment of the
 * académie, or the sum. Only valid codes count; an account counts once validated (a provisional account is not
 * created yet), and « année courante » is the school year's start and end dates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudentCodeLine(String uai, String name, String mef, String mefLabel, String division, int students,
                              int refusals, int notifiedCodes, int accountsCreated, int accountsCreatedThisYear,
                              BigDecimal percentStudentsWithAccount, BigDecimal percentCreatedThisYear) implements SynthesisLine {

    static StudentCodeLine of(StatisticsMapper.StudentCodeCounts c) {
        return new StudentCodeLine(c.uai(), c.name(), c.mef(), c.mefLabel(), c.division(), c.students(), c.refusals(),
                c.notifiedCodes(), c.accountsCreated(), c.accountsCreatedThisYear(),
                Percent.of(c.accountsCreated(), c.students()), Percent.of(c.accountsCreatedThisYear(), c.students()));
    }

    /** The « Somme » line: the counts added up, the shares computed again from the sums. */
    static StudentCodeLine sum(List<StudentCodeLine> lines) {
        int students = total(lines, StudentCodeLine::students);
        int accounts = total(lines, StudentCodeLine::accountsCreated);
        int thisYear = total(lines, StudentCodeLine::accountsCreatedThisYear);
        return new StudentCodeLine(null, null, null, null, null, students, total(lines, StudentCodeLine::refusals),
                total(lines, StudentCodeLine::notifiedCodes), accounts, thisYear, Percent.of(accounts, students), Percent.of(thisYear, students));
    }

    /** The same figures, said of an establishment or an académie. */
    StudentCodeLine named(String uai, String name) {
        return new StudentCodeLine(uai, name, mef, mefLabel, division, students, refusals, notifiedCodes, accountsCreated, accountsCreatedThisYear,
                percentStudentsWithAccount, percentCreatedThisYear);
    }

    static final List<Column<StudentCodeLine>> COLUMNS = List.of(
            Column.count("Nombre d'élèves", StudentCodeLine::students),
            Column.count("Nombre de refus téléservices", StudentCodeLine::refusals),
            Column.count("Nombre de codes notifiés", StudentCodeLine::notifiedCodes),
            Column.count("Nombre de comptes créés", StudentCodeLine::accountsCreated),
            Column.percent("% d'élèves avec comptes créés", StudentCodeLine::percentStudentsWithAccount),
            Column.percent("% créés année courante", StudentCodeLine::percentCreatedThisYear));
}
