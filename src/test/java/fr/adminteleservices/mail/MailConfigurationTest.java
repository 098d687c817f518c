package fr.adminteleservices.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** Jakarta Mail's stream provider is named, so that a message does not make Jakarta Mail scan the classpath. */
class MailConfigurationTest {

    @Test
    void jakartaMailTakesItsStreamProviderByNameAndItIsTheOneOnTheClasspath() throws Exception {
        Class.forName(MailConfiguration.class.getName()); // its static initialiser names the provider
        String named = System.getProperty(MailConfiguration.STREAM_PROVIDER);
        assertThat(named).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider()).isInstanceOf(Class.forName(named));
    }
}
