package fr.adminteleservices.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code teleservices.demo.enabled}: the demo académie, its establishments and log-ins at the first start. */
@ConfigurationProperties("teleservices.demo")
public record DemoProperties(boolean enabled) {
}
