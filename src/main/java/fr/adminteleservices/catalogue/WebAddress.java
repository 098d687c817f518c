package fr.adminteleservices.catalogue;

import java.net.URI;
import java.net.URISyntaxException;

/** The http(s) addresses people type: services, ENTs, useful links. */
public final class WebAddress {

    private WebAddress() {
    }

    /** True for an absolute http or https URL with a host, at most {@code maxLength} characters. */
    public static boolean isValid(String url, int maxLength) {
        if (url == null || url.isBlank() || url.length() > maxLength || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
