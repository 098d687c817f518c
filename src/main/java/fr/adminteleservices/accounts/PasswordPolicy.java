package fr.adminteleservices.accounts;

import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.springframework.stereotype.Component;

/**
 * Portal passwords: at least 12 characters, not a common password (nbvcxz's dictionary of leaked
 * passwords, also reversed or in leet), not too guessable (estimated entropy), not the identifier.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    /** Estimated entropy asked for, in bits (nbvcxz's own default is 35). */
    static final double MIN_ENTROPY = 40;

    private final Nbvcxz estimator = new Nbvcxz(new ConfigurationBuilder().setLocale(Locale.FRENCH)
            .setMinimumEntropy(MIN_ENTROPY).createConfiguration());

    /** The reason the password is refused, or empty when it is accepted. */
    Optional<String> check(String password, String again, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Le mot de passe compte au moins " + MIN_LENGTH + " caractères.");
        }
        if (password.length() > 128) {
            return Optional.of("Le mot de passe compte au plus 128 caractères.");
        }
        if (again != null && !password.equals(again)) {
            return Optional.of("Les deux mots de passe saisis sont différents.");
        }
        if (username != null && !username.isBlank() && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("Le mot de passe ne doit pas contenir l'identifiant.");
        }
        Result result = estimator.estimate(password);
        if (result.isMinimumEntropyMet()) {
            return Optional.empty();
        }
        // a weak password built on a known one ("motdepasse123", "azertyuiop2024"): say so
        boolean common = result.getMatches().stream().anyMatch(m -> m instanceof DictionaryMatch d
                && "passwords".equals(d.getDictionaryName()) && d.getToken().length() >= 6);
        if (common) {
            return Optional.of("Ce mot de passe fait partie des mots de passe les plus courants, ou en dérive : choisissez-en un autre.");
        }
        return Optional.of("Ce mot de passe est trop facile à deviner : allongez-le, ou mêlez plusieurs mots sans lien entre eux.");
    }
}
