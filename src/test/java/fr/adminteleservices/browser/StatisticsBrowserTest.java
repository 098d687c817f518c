package fr.adminteleservices.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.statistics.StatisticsFixture;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A head reads « Synthèse accès téléservices » (§6.3, T3) in headless Chromium: the three charts are drawn from the
 * app's own Chart.js, hovering a bar shows its detail in the tooltip, and the tables carry the same figures. The
 * page is photographed into {@code target/screenshots/statistiques-acces.png}.
 */
@H2Test
class StatisticsBrowserTest extends BrowserTest {

    static final String TROISIEME = "10310019110";
    static final String MEFSTAT_3 = "21160010019";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aHeadSeesTheAccessChartsAndTheDetailOfABarOnHover() throws Exception {
        // given an establishment whose guardians read Notes 4 times in October and students Absences twice in November
        String uai = Heads.newEstablishmentWithHead(establishments, directory);
        SchoolYear year = establishments.currentSchoolYear("demo").orElseThrow();
        LocalDate october = year.startsOn().withDayOfMonth(1).plusMonths(1);
        StatisticsFixture f = new StatisticsFixture(jdbc, uai);
        f.mef(TROISIEME, "3EME", "3ème", MEFSTAT_3);
        long student = f.student("Élève", TROISIEME, "3A", null);
        for (int i = 0; i < 4; i++) {
            f.access(noon(october.plusDays(i)), MEFSTAT_3, "NOTES", "GUARDIAN", student);
        }
        f.access(noon(october.plusMonths(1)), MEFSTAT_3, "ABSENCES", "STUDENT", student);
        f.access(noon(october.plusMonths(1).plusDays(1)), MEFSTAT_3, "ABSENCES", "STUDENT", student);
        f.access(noon(year.startsOn().plusDays(3)), MEFSTAT_3, "LPC", "GUARDIAN", student);

        // when the head opens Statistiques, then « Synthèse accès téléservices »
        logIn(Heads.username(uai), Heads.password(uai));
        menuLink("Statistiques").click();
        waitForHeading("Synthèse codes élèves");
        waitFor(ExpectedConditions.elementToBeClickable(By.linkText("Synthèse accès téléservices"))).click();
        waitForHeading("Synthèse accès téléservices");
        waitFor(d -> driver.executeScript("return !!(window.teleservicesCharts && window.teleservicesCharts.byMonth)"));

        // then the three charts hold the figures, by category in the guide's order
        @SuppressWarnings("unchecked")
        List<String> legends = (List<String>) driver.executeScript(
                "return teleservicesCharts.byMonth.data.datasets.map(d => d.label)");
        assertThat(legends).containsExactly("Absences", "LPC", "Notes", "Fiche de renseignements");
        assertThat(((Number) driver.executeScript(
                "return teleservicesCharts.byMonth.data.datasets[2].data[1]")).intValue()).isEqualTo(4);
        assertThat(((Number) driver.executeScript(
                "return teleservicesCharts.byCategory.data.datasets[1].data[0]")).intValue()).isEqualTo(2);
        assertThat(driver.executeScript("return teleservicesCharts.byMefStat.data.labels[0]")).isEqualTo("3ème");

        // when the mouse rests on October's bar
        WebElement canvas = driver.findElement(By.id("chart-by-month"));
        driver.executeScript("document.getElementById('by-month-title').scrollIntoView({block: 'start'})");
        @SuppressWarnings("unchecked")
        Map<String, Object> bar = (Map<String, Object>) driver.executeScript(
                "const b = teleservicesCharts.byMonth.getDatasetMeta(2).data[1]; const c = teleservicesCharts.byMonth.canvas;"
                        + "return {x: b.x, y: (b.y + b.base) / 2, w: c.clientWidth, h: c.clientHeight};");
        int dx = (int) Math.round(num(bar, "x") - num(bar, "w") / 2);
        int dy = (int) Math.round(num(bar, "y") - num(bar, "h") / 2);
        new Actions(driver).moveToElement(canvas, dx, dy).perform();

        // then its tooltip details the month: each category, the total and the readers
        waitFor(d -> ((Number) driver.executeScript("return teleservicesCharts.byMonth.tooltip.opacity")).doubleValue() > 0.9);
        @SuppressWarnings("unchecked")
        List<String> tooltip = (List<String>) driver.executeScript(
                "const t = teleservicesCharts.byMonth.tooltip;"
                        + "return [].concat(t.title, t.body.flatMap(b => b.lines), t.footer);");
        assertThat(tooltip).contains("octobre " + october.getYear(), "Notes : 4", "Absences : 0", "Total : 4",
                "Responsables : 4 — Élèves : 0");

        // and the chart is really drawn: the bar's blue (#000091) covers part of the canvas
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(canvas.getScreenshotAs(OutputType.BYTES)));
        assertThat(pixels(picture, 0x000091)).as("pixels of the Notes bars").isGreaterThan(200);
        assertThat(pixels(picture, 0xce614a)).as("pixels of the Absences bars").isGreaterThan(100);

        // and the table view says the same for those who do not see the chart
        assertThat(driver.findElement(By.cssSelector("#by-month tbody tr:nth-child(2)")).getText())
                .isEqualTo("octobre " + october.getYear() + " 0 0 4 0 4 0 4");
        assertThat(driver.findElement(By.cssSelector("#by-category tbody")).getText())
                .contains("Absences 0 2 2").contains("Notes 4 0 4").contains("Fiche de renseignements 0 0 0");

        // the page with its tooltip, kept for the record
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("statistiques-acces.png"), driver.getScreenshotAs(OutputType.BYTES));
        assertThat(ImageIO.read(shots.resolve("statistiques-acces.png").toFile()).getWidth()).isGreaterThan(800);
    }

    @Test
    void aHeadSeesWhereFamiliesDropOffInTheAccountFunnelChart() throws Exception {
        // given a division of three couples: one confirmed, one provisional, one whose confirmation expired
        String uai = Heads.newEstablishmentWithHead(establishments, directory);
        StatisticsFixture f = new StatisticsFixture(jdbc, uai);
        f.mef(TROISIEME, "3EME", "3ème", MEFSTAT_3);
        Instant now = Instant.now();
        for (String stage : List.of("CONFIRMED", "PROVISIONAL", "EXPIRED")) {
            long student = f.student("Élève " + stage, TROISIEME, "3A", null);
            long code = f.guardianCode(f.link(student, f.guardian("Parent " + stage, null), 1, null), true, LocalDate.now(PARIS));
            switch (stage) {
                case "CONFIRMED" -> f.account("GUARDIAN", true, now, "CAR", code, student);
                case "PROVISIONAL" -> f.account("GUARDIAN", false, now, "CAR", code, student);
                default -> f.expiredConfirmation("CAR", code, student);
            }
        }

        // when the head opens « Parcours des comptes responsables »
        logIn(Heads.username(uai), Heads.password(uai));
        open("/etablissements/" + uai + "/statistiques/parcours-responsables");
        waitForHeading("Parcours des comptes responsables");
        waitFor(d -> driver.executeScript("return !!window.teleservicesFunnel"));

        // then the division's bar is split into the stages, each a third of it, in the stages' colours
        @SuppressWarnings("unchecked")
        List<String> legends = (List<String>) driver.executeScript("return teleservicesFunnel.data.datasets.map(d => d.label)");
        assertThat(legends).containsExactly("Refus téléservices", "Sans code valide", "Code non notifié",
                "Code notifié, pas de compte", "Compte provisoire", "Confirmation expirée", "Compte confirmé");
        assertThat(driver.executeScript("return teleservicesFunnel.data.labels[0]")).isEqualTo("3A (3ème)");
        assertThat(((Number) driver.executeScript("return teleservicesFunnel.data.datasets[5].data[0]")).doubleValue())
                .isCloseTo(33.3, org.assertj.core.data.Offset.offset(0.1));
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(
                driver.findElement(By.id("chart-funnel")).getScreenshotAs(OutputType.BYTES)));
        assertThat(pixels(picture, 0x18753c)).as("pixels of « Compte confirmé »").isGreaterThan(200);
        assertThat(pixels(picture, 0xa558a0)).as("pixels of « Confirmation expirée »").isGreaterThan(200);
        assertThat(driver.findElement(By.id("total")).getText()).isEqualTo("3 0 0 0 0 1 1 1 33.33 %");
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** Pixels of about this colour (antialiasing blurs the edges only). */
    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 12 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(PARIS).toInstant();
    }
}
