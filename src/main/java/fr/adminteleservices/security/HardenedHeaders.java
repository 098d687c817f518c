package fr.adminteleservices.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Response headers of every chain (administration, portal, APIs).
 * <ul>
 * <li>A Content-Security-Policy: the DSFR, Chart.js, Trix and the pages' scripts are served by the application
 * itself and no page has an inline script, so scripts come from this origin only; styles allow inline
 * attributes (the mail preview, the rich-text editor's own sheet). Camunda's webapps and Swagger UI keep the
 * policy their own filters send.</li>
 * <li>{@code Referrer-Policy: no-referrer} everywhere: a page whose address carries a token
 * ({@code /portail/confirmation?jeton=…}, {@code /portail/mot-de-passe?jeton=…}) never hands it to the next
 * site, not even to an ENT link.</li>
 * </ul>
 */
public final class HardenedHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private HardenedHeaders() {
    }

    public static void apply(HttpSecurity http) throws Exception {
        var ownPolicy = new NegatedRequestMatcher(new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html")));
        http.headers(h -> h
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(ownPolicy,
                        new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY)))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
    }
}
