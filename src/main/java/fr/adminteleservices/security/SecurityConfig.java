package fr.adminteleservices.security;

import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration
@EnableMethodSecurity
class SecurityConfig {

    /** Machine clients: the application API and Camunda's engine REST API, HTTP Basic, no session. */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager administrators) throws Exception {
        HardenedHeaders.apply(http);
        return http
                // full-path matchers: /engine-rest is Jersey's servlet, not the DispatcherServlet
                .securityMatcher(paths("/api/**", "/engine-rest/**"))
                .authenticationManager(administrators)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.realmName("Admin Teleservices"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    /** People: the French login page, then the admin screens and Camunda's webapps in the same session. */
    @Bean
    @Order(2)
    SecurityFilterChain screenChain(HttpSecurity http, AuthenticationManager administrators) throws Exception {
        HardenedHeaders.apply(http);
        return http
                .authenticationManager(administrators)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(paths("/login", "/dsfr/**", "/css/**", "/chartjs/**", "/js/**", "/favicon.ico", "/error")).permitAll()
                        // load balancers and compose: up or down, nothing more (no details, no other endpoint exposed)
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
                        // the API's description is public for integrators; every call it describes is not
                        .requestMatchers(paths("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")).permitAll()
                        // Camunda's Admin webapp (users, groups, authorizations) is for académie administrators only;
                        // its API is also guarded by Camunda's own application authorization.
                        .requestMatchers(paths("/camunda/app/admin/**")).hasRole(Roles.ACADEMY_ADMIN)
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").successHandler(afterLogIn())
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginThrottle.Throttled ? "/login?attente" : "/login?erreur"))))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?deconnecte"))
                // Camunda's webapps carry their own CSRF protection (X-XSRF-TOKEN).
                .csrf(c -> c.ignoringRequestMatchers(paths("/camunda/api/**")).csrfTokenRequestHandler(CsrfTokens.requestHandler()))
                .build();
    }

    /** To the page asked for before the log-in, else the home page; the next pages' CSRF token issued with the log-in. */
    private static AuthenticationSuccessHandler afterLogIn() {
        SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
        redirect.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            CsrfTokens.issueNow(request);
            redirect.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Administrators' log-ins: Camunda's identity service, behind the log-in throttle. */
    @Bean
    AuthenticationManager administrators(CamundaIdentityAuthenticationProvider identity, LoginThrottle throttle) {
        return new ProviderManager(throttle.around("admin", identity));
    }

    private static RequestMatcher paths(String... patterns) {
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = PathPatternRequestMatcher.withDefaults().matcher(patterns[i]);
        }
        return new OrRequestMatcher(matchers);
    }

    /**
     * Container-based authentication: the webapps take the user Spring Security already authenticated,
     * so Tasklist and Cockpit open without a second log-in.
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappSso() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        registration.setName("camunda-webapp-sso");
        // after Spring Security's filter chain, so that the request already carries the user
        registration.setOrder(101);
        return registration;
    }

    /** Hostile sizes answered 413 before the security chain reads anything. */
    @Bean
    FilterRegistrationBean<RequestSizeLimits> requestSizeLimits(
            MultipartProperties multipart, SecurityProperties security) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimits(multipart.getMaxRequestSize(), security.maxBodySize()));
        registration.addUrlPatterns("/*");
        registration.setName("request-size-limits");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** No SQL, table or column name in an answer of the engine's API (its own REST, or the webapps'). */
    @Bean
    FilterRegistrationBean<EngineErrorScrubber> engineErrorScrubber() {
        var registration = new FilterRegistrationBean<>(new EngineErrorScrubber());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setName("engine-error-scrubber");
        registration.setOrder(102);
        return registration;
    }

    /** The engine REST API runs as the authenticated user: authorizations and tenant checks apply. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setName("camunda-rest-authentication");
        registration.setOrder(101);
        return registration;
    }
}
