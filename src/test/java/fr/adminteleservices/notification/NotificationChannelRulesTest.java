package fr.adminteleservices.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.notification.letters.Letter.Holder;
import fr.adminteleservices.platform.RuleBook;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decisions and reasons of rules/notification-channel.drl (D2), read from the project's rules/ folder. */
class NotificationChannelRulesTest {

    static RuleBook rules;

    @BeforeAll
    static void build() {
        rules = new RuleBook("rules");
    }

    @ParameterizedTest(name = "{0}, e-mail demandé {1}, papier demandé {2}, adresse connue {3} → {4}")
    @CsvSource(delimiter = '|', value = {
            // a student always gets paper, whatever was chosen and whatever address is known
            "STUDENT  | false | false | false | PAPER | Les élèves sont notifiés par courrier papier uniquement, remis dans l'établissement.",
            "STUDENT  | true  | false | true  | PAPER | Les élèves sont notifiés par courrier papier uniquement, remis dans l'établissement.",
            "STUDENT  | true  | true  | true  | PAPER | Les élèves sont notifiés par courrier papier uniquement, remis dans l'établissement.",
            "GUARDIAN | false | false | true  | NONE  | Choisissez le courrier électronique, le document papier, ou les deux.",
            "GUARDIAN | false | false | false | NONE  | Choisissez le courrier électronique, le document papier, ou les deux.",
            "GUARDIAN | true  | false | true  | EMAIL | Notifié par courrier électronique, à l'adresse connue dans SIECLE.",
            "GUARDIAN | true  | true  | true  | EMAIL | Notifié par courrier électronique, à l'adresse connue dans SIECLE.",
            "GUARDIAN | true  | false | false | NONE  | Aucune adresse électronique n'est connue dans SIECLE pour ce responsable : choisissez aussi le document papier.",
            "GUARDIAN | false | true  | true  | PAPER | Notifié par courrier papier, comme demandé.",
            "GUARDIAN | false | true  | false | PAPER | Notifié par courrier papier, comme demandé.",
            "GUARDIAN | true  | true  | false | PAPER | Pas d'adresse électronique connue : notifié par courrier papier."})
    void decidesWithAReason(Holder holder, boolean emailRequested, boolean paperRequested, boolean hasEmail,
            Channel channel, String reason) {
        ChannelChoice c = new ChannelChoice(holder, emailRequested, paperRequested, hasEmail);

        rules.session("notification-channel").execute(List.of(c));

        assertThat(c.isDecided()).isTrue();
        assertThat(c.getChannel()).isEqualTo(channel);
        assertThat(c.getReason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "one couple, e-mail chosen {0}, address known {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // « Notifier code » for one couple: one channel chosen, the reason speaks of that choice
            "true  | false | NONE  | Aucune adresse électronique n'est connue dans SIECLE pour ce responsable : le courriel ne peut pas partir. Choisissez « Document papier » pour imprimer son courrier.",
            "true  | true  | EMAIL | Notifié par courrier électronique, à l'adresse connue dans SIECLE.",
            "false | false | PAPER | Notifié par courrier papier, comme demandé."})
    void forOneCoupleTheReasonSpeaksOfTheChannelChosen(boolean email, boolean hasEmail, Channel channel, String reason) {
        ChannelChoice c = new ChannelChoice(Holder.GUARDIAN, email, !email, hasEmail, true);

        rules.session("notification-channel").execute(List.of(c));

        assertThat(c.getChannel()).isEqualTo(channel);
        assertThat(c.getReason()).isEqualTo(reason);
    }
}
