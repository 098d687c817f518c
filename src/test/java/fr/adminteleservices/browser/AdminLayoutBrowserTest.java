package fr.adminteleservices.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.support.H2Test;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin screens as a head sees them on a 1280 px wide screen, in headless Chromium (issue 16, points 7, 8 and
 * 10): the Marianne block whole on every page, the due-date table grouped under MEF labels, « Tous les codes »
 * of a division in compact rows.
 */
@H2Test
class AdminLayoutBrowserTest extends BrowserTest {

    static final String COLLEGE = "0990001N";

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} px")
    // 1280 px as in the issue (five header buttons on the demo, four here: no demo mailbox in tests), and 1000 px, the
    // narrowest desktop layout, where four buttons squeezed it the same way
    @org.junit.jupiter.params.provider.ValueSource(ints = {1280, 1000})
    void theMarianneBlockIsWholeOnEveryAdminPage(int px) {
        width(px);
        logIn("chef." + COLLEGE);
        for (String path : List.of("/etablissements/" + COLLEGE, "/etablissements/" + COLLEGE + "/responsables/creation",
                "/etablissements/" + COLLEGE + "/parametrage/notes", "/etablissements/" + COLLEGE + "/ouverture")) {
            open(path);
            waitFor(d -> d.findElement(By.cssSelector(".fr-header .fr-logo")));
            WebElement logo = driver.findElement(By.cssSelector(".fr-header .fr-logo"));
            // the text whole: « République Française », each word on one line, nothing cut by the box
            assertThat(logo.getText().replace("\n", " ")).as(path).isEqualToIgnoringCase("République Française");
            List<?> box = (List<?>) driver.executeScript(
                    "const e = arguments[0], b = e.getBoundingClientRect(), r = document.createRange();"
                            + "r.selectNodeContents(e); const t = r.getBoundingClientRect();"
                            + "const brand = e.closest('.fr-header__brand').getBoundingClientRect();"
                            + "return [e.scrollWidth, e.clientWidth, t.left, t.right, b.left, b.right, brand.right];", logo);
            long scrollWidth = ((Number) box.get(0)).longValue();
            long clientWidth = ((Number) box.get(1)).longValue();
            double textLeft = ((Number) box.get(2)).doubleValue();
            double textRight = ((Number) box.get(3)).doubleValue();
            double boxRight = ((Number) box.get(5)).doubleValue();
            double brandRight = ((Number) box.get(6)).doubleValue();
            assertThat(scrollWidth).as(path + ": the logo's content fits its box").isLessThanOrEqualTo(clientWidth);
            assertThat(textLeft).as(path).isGreaterThanOrEqualTo(0);
            assertThat(textRight).as(path + ": the words end inside the logo").isLessThanOrEqualTo(boxRight + 0.5);
            assertThat(boxRight).as(path + ": the logo ends inside the brand block").isLessThanOrEqualTo(brandRight + 0.5);
            screenshot("entete-" + px + path.replace('/', '-'));
        }
    }

    @Test
    void theDueDateTableShowsMefLabelsAndEachDivisionUnderItsOwnMef() {
        width(1280);
        logIn("chef." + COLLEGE);
        open("/etablissements/" + COLLEGE + "/parametrage/notes");
        waitForHeading("Consultation des notes");
        driver.findElement(By.id("notesMode-DUE_DATES")).sendKeys(" ");
        driver.executeScript("document.getElementById('due-dates').scrollIntoView()");
        screenshot("echeances");
        List<WebElement> groups = driver.findElements(By.cssSelector("#due-dates tbody th[scope=rowgroup]"));
        assertThat(groups).extracting(WebElement::getText).containsExactly("6ème", "5ème", "4ème", "3ème");
        for (WebElement group : groups) {
            String prefix = group.getText().substring(0, 1);
            // each division row sits beside its MEF's cell, from the cell's top to its bottom
            List<?> rows = (List<?>) driver.executeScript(
                    "const th = arguments[0], g = th.getBoundingClientRect();"
                            + "return [...th.closest('tbody').querySelectorAll('th[scope=row]')].map(r => {"
                            + "  const b = r.getBoundingClientRect(); return [r.textContent.trim(), b.top >= g.top - 1 && b.bottom <= g.bottom + 1]; });",
                    group);
            // the label stands beside the group's first division, and a line opens every group but the first
            List<?> look = (List<?>) driver.executeScript(
                    "const th = arguments[0], first = th.closest('tr').querySelector('th[scope=row]');"
                            + "return [getComputedStyle(th).verticalAlign + ' ' + getComputedStyle(th).backgroundColor, parseFloat(getComputedStyle(first).borderTopWidth),"
                            + " th.closest('tbody').previousElementSibling.tagName];", group);
            // at the top, and opaque: the first row's line does not cross the MEF cell
            assertThat((String) look.get(0)).as(group.getText()).startsWith("top rgb(");
            if ("TBODY".equals(look.get(2))) {
                assertThat(((Number) look.get(1)).doubleValue()).as("line above %s", group.getText()).isGreaterThanOrEqualTo(1);
            }
            assertThat(rows).as(group.getText()).hasSize(4).allSatisfy(r -> {
                List<?> row = (List<?>) r;
                assertThat((String) row.get(0)).startsWith(prefix);
                assertThat((Boolean) row.get(1)).as("%s beside %s", row.get(0), group.getText()).isTrue();
            });
        }
    }

    @Test
    void allTheCodesOfADivisionFitInCompactRows() {
        width(1280);
        logIn("chef." + COLLEGE);
        open("/etablissements/" + COLLEGE + "/responsables/creation?vue=tous&division=3A");
        WebElement table = waitFor(d -> d.findElement(By.id("couples-table")));
        driver.executeScript("arguments[0].scrollIntoView()", table);
        screenshot("tous-les-codes-3A");
        // the height of each row, in lines of its « Observation » cell
        List<?> lines = (List<?>) driver.executeScript(
                "return [...arguments[0].querySelectorAll('tbody tr')].map(r => {"
                        + " const cell = r.lastElementChild, s = getComputedStyle(cell);"
                        + " return (r.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom))"
                        + "   / parseFloat(s.lineHeight); });", table);
        assertThat(lines).hasSizeGreaterThan(40);
        // every row reads in three lines at most (the « Observation » made it about seven)
        assertThat(lines).allSatisfy(n -> assertThat(((Number) n).doubleValue()).isLessThanOrEqualTo(3.05));
        // and the whole table is seen without scrolling sideways, nor does the page scroll sideways
        List<?> sideways = (List<?>) driver.executeScript("return [arguments[0].scrollWidth, arguments[0].clientWidth];", table);
        assertThat(((Number) sideways.get(0)).longValue()).isLessThanOrEqualTo(((Number) sideways.get(1)).longValue());
        long[] w = widths();
        assertThat(w[1]).isLessThanOrEqualTo(w[0]);
    }

    /** A desktop screen of this width (the viewport, as the screenshots in the issue were taken). */
    private void width(int px) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", px, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }
}
