package fr.adminteleservices.consultation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The rows of a child's table as HTML, rendered once for each page {@link DecidedPages} keeps (issue 18.4). Thirty
 * grades are 150 Thymeleaf expressions, a quarter of a grade page's CPU (JFR, PortalLoadBenchmark); they read
 * nothing but the decided lines, so every view of the same decided page gets the same rows.
 *
 * <p>Keyed by the decided lines themselves, by identity ({@code weakKeys}): the HTML lives exactly as long as the
 * lines it was rendered from, so it follows their cache (the next copy of the establishment, the next day, other
 * rules) without a key or a bound of its own. Lines decided afresh for each view (an establishment copied before
 * stamps) are rendered for that view only.
 *
 * <p>Rendered from {@code templates/portal/consultation/lines.html}, where every value goes through {@code th:text}
 * (escaped); the pages insert the result with {@code th:utext}.
 */
@Component
class RenderedLines {

    private static final String TEMPLATE = "portal/consultation/lines";

    private final ITemplateEngine templates;
    private final Cache<List<?>, String> rendered = Caffeine.newBuilder().weakKeys().build();
    private final AtomicLong renderings = new AtomicLong();

    RenderedLines(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The {@code <tr>} rows of the page's table; nothing for a page that shows no table. */
    String of(Consultations.Page<?> page) {
        if (!page.shown() || page.items().isEmpty()) {
            return "";
        }
        return rendered.get(page.items(), items -> {
            renderings.incrementAndGet();
            return templates.process(TEMPLATE, Set.of(page.service().path()), new Context(Locale.FRANCE, Map.of("items", items)));
        });
    }

    /** How many rows were rendered since the start (a view of a page already rendered adds none). */
    long renderings() {
        return renderings.get();
    }
}
