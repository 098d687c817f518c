package fr.adminteleservices.statistics;

import static fr.adminteleservices.statistics.SynthesisLine.total;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of « Synthèse codes responsables » (§6.2), each figure as the guide defines it: persons who are legal
 * guardian 1 or 2 of the students present, counted once per line however many children they have there; refusals
 * they signified; those holding a valid and notified code (this school year: notified between its start and end);
 * those whose valid code is attached to a validated account (this school year: the account created in it); and the
 * share of the students with at least one such guardian.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardianCodeLine(String uai, String name, String mef, String mefLabel, String division, int students,
                               int guardians, int refusals, int notifiedCodes, int notifiedCodesThisYear,
                               int accountsCreated, int accountsCreatedThisYear, int studentsWithGuardianAccount,
                               BigDecimal percentGuardiansWithAccount, BigDecimal percentCreatedThisYear,
                               BigDecimal percentStudentsWithGuardianAccount) implements SynthesisLine {

    static GuardianCodeLine of(StatisticsMapper.GuardianCodeCounts c) {
        return new GuardianCodeLine(c.uai(), c.name(), c.mef(), c.mefLabel(), c.division(), c.students(), c.guardians(),
                c.refusals(), c.notifiedCodes(), c.notifiedCodesThisYear(), c.accountsCreated(), c.accountsCreatedThisYear(),
                c.studentsWithGuardianAccount(), Percent.of(c.accountsCreated(), c.guardians()),
                Percent.of(c.accountsCreatedThisYear(), c.guardians()), Percent.of(c.studentsWithGuardianAccount(), c.students()));
    }

    /** The « Somme » line: the counts added up, the shares computed again from the sums. */
    static GuardianCodeLine sum(List<GuardianCodeLine> lines) {
        int students = total(lines, GuardianCodeLine::students);
        int guardians = total(lines, GuardianCodeLine::guardians);
        int accounts = total(lines, GuardianCodeLine::accountsCreated);
        int thisYear = total(lines, GuardianCodeLine::accountsCreatedThisYear);
        int reached = total(lines, GuardianCodeLine::studentsWithGuardianAccount);
        return new GuardianCodeLine(null, null, null, null, null, students, guardians, total(lines, GuardianCodeLine::refusals),
                total(lines, GuardianCodeLine::notifiedCodes), total(lines, GuardianCodeLine::notifiedCodesThisYear),
                accounts, thisYear, reached, Percent.of(accounts, guardians), Percent.of(thisYear, guardians),
                Percent.of(reached, students));
    }

    /** The same figures, said of an establishment or an académie. */
    GuardianCodeLine named(String uai, String name) {
        return new GuardianCodeLine(uai, name, mef, mefLabel, division, students, guardians, refusals, notifiedCodes,
                notifiedCodesThisYear, accountsCreated, accountsCreatedThisYear, studentsWithGuardianAccount,
                percentGuardiansWithAccount, percentCreatedThisYear, percentStudentsWithGuardianAccount);
    }

    static final List<Column<GuardianCodeLine>> COLUMNS = List.of(
            Column.count("Nombre de responsables", GuardianCodeLine::guardians),
            Column.count("Nombre de refus téléservices", GuardianCodeLine::refusals),
            Column.count("Nombre de codes notifiés", GuardianCodeLine::notifiedCodes),
            Column.count("Nombre de codes notifiés année courante", GuardianCodeLine::notifiedCodesThisYear),
            Column.count("Nombre de comptes créés", GuardianCodeLine::accountsCreated),
            Column.percent("% de resp. avec comptes créés", GuardianCodeLine::percentGuardiansWithAccount),
            Column.percent("% créés année courante", GuardianCodeLine::percentCreatedThisYear),
            Column.percent("% élèves ayant au moins un resp. avec compte créé", GuardianCodeLine::percentStudentsWithGuardianAccount));
}
