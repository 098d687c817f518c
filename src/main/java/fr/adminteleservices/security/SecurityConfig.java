package fr.adminteleservices.security;

import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
@EnableMethodSecurity
class SecurityConfig {

    /** Machine clients: the application API and Camunda's engine REST API, HTTP Basic, no session. */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**", "/engine-rest/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.realmName("Admin Teleservices"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    /** People: the French login page, then the admin screens and Camunda's webapps in the same session. */
    @Bean
    @Order(2)
    SecurityFilterChain screenChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/dsfr/**", "/css/**", "/favicon.ico", "/error").permitAll()
                        // Camunda's Admin webapp (users, groups, authorizations) is for académie administrators only;
                        // its API is also guarded by Camunda's own application authorization.
                        .requestMatchers("/camunda/app/admin/**").hasRole(Roles.ACADEMY_ADMIN)
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?erreur"))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?deconnecte"))
                .httpBasic(Customizer.withDefaults())
                // Camunda's webapps carry their own CSRF protection (X-XSRF-TOKEN).
                .csrf(c -> c.ignoringRequestMatchers("/camunda/api/**"))
                .build();
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
