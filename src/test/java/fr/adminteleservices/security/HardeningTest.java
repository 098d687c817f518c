package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.test.web.servlet.MockMvc;

/** Response headers, the health endpoint, the session cookie outside the embedded default, personal data in logs. */
@H2Test
class HardeningTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyPageOfOursHasAContentSecurityPolicyAndSendsNoReferrer() throws Exception {
        for (String page : new String[] {"/login", "/portail/connexion", "/portail/mot-de-passe?jeton=abc", "/portail/confirmation?jeton=abc"}) {
            mvc.perform(get(page))
                    .andExpect(header().string("Content-Security-Policy", HardenedHeaders.CONTENT_SECURITY_POLICY))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"));
        }
        mvc.perform(get("/etablissements/0990001N").with(httpBasic("chef.0990001N", "chef.0990001N")))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self';")));
        // Camunda's webapps keep their own policy
        mvc.perform(get("/camunda/app/tasklist/default/").with(httpBasic("chef.0990001N", "chef.0990001N")))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.not(HardenedHeaders.CONTENT_SECURITY_POLICY)));
    }

    @Test
    void noTemplateHasAnInlineScriptOrEventHandler() throws Exception {
        var templates = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath:templates/**/*.html");
        assertThat(templates).isNotEmpty();
        for (var template : templates) {
            String html = template.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            var scripts = java.util.regex.Pattern.compile("<script\\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>").matcher(html);
            while (scripts.find()) {
                assertThat(scripts.group(1)).as("a script of %s", template.getFilename()).contains("src=");
            }
            assertThat(html).as(template.getFilename()).doesNotContainPattern("\\son[a-z]+=\"");
        }
    }

    @Test
    void theHealthEndpointIsPublicAndSaysOnlyUpOrDown() throws Exception {
        // the whole: its status only (the tests run without the job executor, so it may say DOWN here)
        String whole = mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
        assertThat(whole).matches("\\{\"status\":\"(UP|DOWN)\"(,\"groups\":\\[\"liveness\",\"readiness\"\\])?\\}");
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()).andExpect(content().json("{\"status\":\"UP\"}", true));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/loggers"}) {
            // not exposed: a log-in page for a stranger, nothing for an administrator
            assertThat(mvc.perform(get(hidden)).andReturn().getResponse().getStatus()).isNotEqualTo(200);
            assertThat(mvc.perform(get(hidden).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                    .user("academie").roles(Roles.ACADEMY_ADMIN))).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
    }

    @Test
    void outsideTheEmbeddedDefaultTheSessionCookieIsSecureUnlessSaidOtherwise() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-mariadb.yml"));
        Properties production = yaml.getObject();
        assertThat(production.getProperty("server.servlet.session.cookie.secure")).isEqualTo("${TELESERVICES_COOKIE_SECURE:true}");
        YamlPropertiesFactoryBean embedded = new YamlPropertiesFactoryBean();
        embedded.setResources(new FileSystemResource("src/main/resources/application.yml"));
        assertThat(embedded.getObject().getProperty("server.servlet.session.cookie.secure")).isNull();
    }

    @Test
    void theEmbeddedMailServerWritesNoRecipientAddressInTheLogs() {
        // GreenMail logs « Created user login x@y for address x@y with password … » at INFO
        assertThat(LoggerFactory.getLogger("com.icegreen.greenmail.user.UserManager").isInfoEnabled()).isFalse();
    }
}
