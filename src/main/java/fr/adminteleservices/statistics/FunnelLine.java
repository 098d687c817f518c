package fr.adminteleservices.statistics;

import static fr.adminteleservices.statistics.SynthesisLine.total;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of « Parcours des comptes » ({@code holder} GUARDIAN or STUDENT): where each couple (guardian and child, CAR) or each student (CAE) stands
 * today on the way from the code to a confirmed account. Every couple or student is in exactly one stage, the
 * furthest it reached, so the stages add up to {@code population}:
 * refusal › no valid code › code not notified › notified, no account › provisional account › confirmation expired
 * (a provisional account deleted after 7 days, C5, and none since) › confirmed account.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunnelLine(String holder, String uai, String name, String mef, String mefLabel, String division, int population,
                         int refusals, int withoutCode, int notNotified, int notifiedWithoutAccount, int provisional,
                         int confirmationExpired, int confirmed, BigDecimal percentConfirmed)
        implements SynthesisLine {

    static FunnelLine of(String holder, StatisticsMapper.FunnelCounts c) {
        return new FunnelLine(holder, c.uai(), c.name(), c.mef(), c.mefLabel(), c.division(), c.population(), c.refusals(),
                c.withoutCode(), c.notNotified(), c.notifiedWithoutAccount(), c.provisional(), c.confirmationExpired(),
                c.confirmed(), Percent.of(c.confirmed(), c.population()));
    }

    /** The « Somme » line: every couple or student is on one line only, so it is also the whole's line. */
    static FunnelLine sum(String holder, List<FunnelLine> lines) {
        int population = total(lines, FunnelLine::population);
        int confirmed = total(lines, FunnelLine::confirmed);
        return new FunnelLine(holder, null, null, null, null, null, population, total(lines, FunnelLine::refusals),
                total(lines, FunnelLine::withoutCode), total(lines, FunnelLine::notNotified),
                total(lines, FunnelLine::notifiedWithoutAccount), total(lines, FunnelLine::provisional),
                total(lines, FunnelLine::confirmationExpired), confirmed, Percent.of(confirmed, population));
    }

    FunnelLine named(String uai, String name) {
        return new FunnelLine(holder, uai, name, mef, mefLabel, division, population, refusals, withoutCode, notNotified,
                notifiedWithoutAccount, provisional, confirmationExpired, confirmed, percentConfirmed);
    }

    /** Couples of a legal guardian and a child, with their CAR; otherwise students with their CAE. */
    @JsonIgnore
    boolean guardians() {
        return Statistics.GUARDIANS.equals(holder);
    }

    /** The stages in their order, as the table, the chart and the CSV file name them. */
    static List<Column<FunnelLine>> columns(boolean guardians) {
        return List.of(
                Column.count(guardians ? "Couples responsable-élève" : "Élèves", FunnelLine::population),
                Column.count("Refus téléservices", FunnelLine::refusals),
                Column.count("Sans code valide", FunnelLine::withoutCode),
                Column.count("Code non notifié", FunnelLine::notNotified),
                Column.count("Code notifié, pas de compte", FunnelLine::notifiedWithoutAccount),
                Column.count("Compte provisoire", FunnelLine::provisional),
                Column.count("Confirmation expirée", FunnelLine::confirmationExpired),
                Column.count("Compte confirmé", FunnelLine::confirmed),
                Column.percent("% confirmés", FunnelLine::percentConfirmed));
    }
}
