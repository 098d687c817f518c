package fr.adminteleservices.accounts;

import fr.adminteleservices.security.CsrfTokens;
import fr.adminteleservices.security.HardenedHeaders;
import fr.adminteleservices.security.LoginThrottle;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The portal's own log-in, apart from the administrators': its own accounts (never Camunda's
 * identity service), its own place in the session (so that a parent's log-in is not an
 * administrator's, on the admin screens, Camunda's webapps or the APIs), a new session id at log-in.
 */
@Configuration
class PortalSecurity {

    static final String ROLE = "PORTAL";
    /** Where the portal's security context lives in the session; the admin chains use Spring's default key. */
    static final String CONTEXT_KEY = "TELESERVICES_PORTAL_SECURITY_CONTEXT";

    @Bean
    @Order(0)
    SecurityFilterChain portalChain(HttpSecurity http, Accounts accounts, PortalPasswordEncoder encoder, LoginThrottle throttle)
            throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_KEY);
        HardenedHeaders.apply(http);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users(accounts));
        provider.setPasswordEncoder(encoder.encoder());
        // a hash of other settings (an older cost, another algorithm) is replaced at its first good log-in (PortalPasswordEncoder)
        provider.setUserDetailsPasswordService((user, newHash) -> {
            accounts.rehashed(user.getUsername(), user.getPassword(), newHash);
            return User.withUserDetails(user).password(newHash).build();
        });
        return http
                .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/portail/**"))
                .authenticationManager(new ProviderManager(throttle.around("portal", provider)))
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(matchers("/portail/connexion", "/portail/activation", "/portail/confirmation",
                                "/portail/mot-de-passe-oublie", "/portail/mot-de-passe", "/portail/accessibilite", "/portail/confirmation/renvoi")).permitAll()
                        .anyRequest().hasRole(ROLE))
                .formLogin(f -> f.loginPage("/portail/connexion").loginProcessingUrl("/portail/connexion")
                        .usernameParameter("identifiant").passwordParameter("motdepasse")
                        .securityContextRepository(contexts)
                        .successHandler((request, response, authentication) -> {
                            accounts.byUsername(authentication.getName()).ifPresent(a -> {
                                accounts.loggedIn(a.id());
                                PasswordChangeEndsSessions.remember(request, a);
                            });
                            CsrfTokens.issueNow(request);
                            response.sendRedirect(request.getContextPath() + "/portail");
                        })
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof DisabledException ? "/portail/connexion?provisoire"
                                : e instanceof LoginThrottle.Throttled ? "/portail/connexion?attente" : "/portail/connexion?erreur"))))
                .logout(l -> l.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, "/portail/deconnexion"))
                        .logoutSuccessUrl("/portail/connexion?deconnecte"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/portail/connexion"))
                        .accessDeniedHandler((request, response, denied) -> response.sendError(HttpServletResponse.SC_FORBIDDEN)))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .csrf(c -> c.csrfTokenRequestHandler(CsrfTokens.requestHandler()))
                .addFilterBefore(new PasswordChangeEndsSessions(accounts), AuthorizationFilter.class)
                .build();
    }

    /** Confirmed accounts log in; a provisional one is told to follow its confirmation link first. */
    private static UserDetailsService users(Accounts accounts) {
        return username -> accounts.byUsername(username)
                .map(a -> User.withUsername(a.username()).password(a.passwordHash())
                        .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)))
                        .disabled(!"CONFIRMED".equals(a.state())).build())
                .orElseThrow(() -> new UsernameNotFoundException("Identifiant inconnu"));
    }

    private static org.springframework.security.web.util.matcher.RequestMatcher[] matchers(String... paths) {
        return java.util.Arrays.stream(paths).map(p -> PathPatternRequestMatcher.withDefaults().matcher(p))
                .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new);
    }
}
