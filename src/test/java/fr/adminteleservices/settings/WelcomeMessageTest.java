package fr.adminteleservices.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S1: what survives the cleaning of a welcome message, and how its length is counted. */
class WelcomeMessageTest {

    @Test
    void scriptsEventAttributesStylesAndDangerousUrlsAreRemoved() {
        String cleaned = WelcomeMessage.clean("""
                <div style="position:fixed" onmouseover="steal()">Bonjour<script>alert(1)</script>
                <img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe>
                <a href="javascript:alert(3)">a</a> <a href="data:text/html,<script>alert(4)</script>">b</a>
                <a href="JaVaScRiPt:alert(5)">c</a> <a href="https://ok.example.fr/page?x=1&amp;y=2" onclick="x()">d</a></div>""");

        assertThat(cleaned).doesNotContainIgnoringCase("script").doesNotContain("onmouseover", "onerror", "onclick",
                "style", "<img", "<iframe", "data:");
        assertThat(cleaned).contains("<a href=\"https://ok.example.fr/page?x=1&amp;y=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">d</a>");
        assertThat(cleaned).contains("<a rel=\"noopener noreferrer nofollow\" target=\"_blank\">a</a>");
    }

    @Test
    void formattingListsAndMailLinksAreKept() {
        String html = "<div><strong>Réunion</strong> le <em>jeudi</em><br><ul><li>3e</li></ul>"
                + "<a href=\"mailto:ce.0990001n@ac-demo.example.fr\">écrire</a></div>";

        assertThat(WelcomeMessage.clean(html)).contains("<strong>Réunion</strong>", "<em>jeudi</em>", "<br>", "<ul><li>3e</li></ul>",
                "href=\"mailto:ce.0990001n@ac-demo.example.fr\"");
    }

    @Test
    void theLimitCountsTheTextReadNotTheTags() {
        String text = "œ".repeat(1000);

        assertThat(WelcomeMessage.textLength("<p><strong><a href=\"https://a.example\">" + text + "</a></strong></p>"))
                .isEqualTo(1000);
        assertThat(WelcomeMessage.textLength("&eacute;t&eacute;")).isEqualTo(3);
        assertThat(WelcomeMessage.clean("  ")).isEmpty();
    }
}
