package fr.adminteleservices.accounts;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The portal's password hashing: Spring Security's delegating encoder (bcrypt today, the algorithm
 * written in front of each hash, so that a stronger one can come without resetting passwords). Not a
 * {@link PasswordEncoder} bean: the administrators' log-in stays Camunda's identity service.
 */
@Component
class PortalPasswordEncoder {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    PasswordEncoder encoder() {
        return encoder;
    }
}
