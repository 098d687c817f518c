package fr.adminteleservices.settings;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * S1: the welcome message is HTML from the editor. It is cleaned against an allow-list (text
 * formatting, lists and http/https/mailto links; no script, no event attribute, no style) before it
 * is stored and again before it is shown, so the preview is exactly what parents will see.
 */
public final class WelcomeMessage {

    public static final int MAX_TEXT_LENGTH = 1000;
    /** The stored HTML: the text plus its tags and link addresses. */
    static final int MAX_HTML_LENGTH = 8000;

    private static final Safelist ALLOWED = new Safelist()
            .addTags("p", "div", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank");
    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private WelcomeMessage() {
    }

    /** The HTML parents may see: everything outside the allow-list removed. */
    public static String clean(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return Jsoup.clean(html, "", ALLOWED, OUTPUT).strip();
    }

    /** The number of characters a reader sees (the 1,000-character limit counts text, not tags). */
    public static int textLength(String html) {
        return html == null ? 0 : Jsoup.parse(html).text().length();
    }
}
