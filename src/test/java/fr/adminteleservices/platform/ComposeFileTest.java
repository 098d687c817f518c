package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 18: docker-compose.yml (no Docker engine here, so it is read, not run): two application nodes behind an
 * official reverse proxy image, health checks on /actuator/health, every node with the same settings.
 */
class ComposeFileTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void twoNodesWithTheSameSettingsBehindAnOfficialProxy() throws IOException {
        Map<String, Object> services = services();
        List<String> nodes = services.keySet().stream().filter(name -> ".".equals(map(services.get(name)).get("build"))).toList();
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);

        Map<String, Object> first = null;
        for (String node : nodes) {
            Map<String, Object> service = map(services.get(node));
            assertThat(service).as("%s is reached through the proxy only", node).doesNotContainKey("ports");
            assertThat(map(service.get("healthcheck")).get("test").toString()).contains("/actuator/health");
            Map<String, Object> environment = new HashMap<>(map(service.get("environment")));
            assertThat(environment.remove("TELESERVICES_NODE_ID")).as("%s's node id", node).isEqualTo(node);
            assertThat(environment).containsKeys("TELESERVICES_CODES_KEY", "DB_URL", "DB_PASSWORD", "SPRING_MAIL_HOST",
                    "TELESERVICES_PORTAL_URL", "TELESERVICES_ADMIN_PASSWORD");
            assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("mariadb");
            if (first == null) {
                first = environment;
            } else {
                assertThat(environment).as("%s's settings", node).isEqualTo(first);
            }
        }

        Map<String, Object> proxy = map(services.get("proxy"));
        assertThat(proxy.get("image").toString()).matches("(nginx|caddy|traefik)(:.+)?");
        assertThat(proxy.get("ports").toString()).contains("8080:");
        Map<String, Object> dependsOn = map(proxy.get("depends_on"));
        for (String node : nodes) {
            assertThat(map(dependsOn.get(node))).containsEntry("condition", "service_healthy");
        }
        assertThat(map(proxy.get("healthcheck")).get("test").toString()).contains("/actuator/health");
    }

    @Test
    void theProxySpreadsRequestsOverEveryNodeWithoutStickySessions() throws IOException {
        // its directives, without the comments
        String nginx = Files.readString(Path.of("deploy/nginx.conf")).replaceAll("(?m)#.*$", "");
        Map<String, Object> services = services();
        services.keySet().stream().filter(name -> ".".equals(map(services.get(name)).get("build")))
                .forEach(node -> assertThat(nginx).contains("server " + node + ":8080"));
        assertThat(nginx).doesNotContain("ip_hash").doesNotContain("sticky").contains("X-Forwarded-For");
        String mounted = map(services.get("proxy")).get("volumes").toString();
        assertThat(mounted).contains("./deploy/nginx.conf:");
    }
}
