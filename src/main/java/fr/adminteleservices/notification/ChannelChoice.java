package fr.adminteleservices.notification;

import fr.adminteleservices.notification.letters.Letter;
import java.util.Objects;

/**
 * Fact and decision of {@code rules/notification-channel.drl} (D2, guide §4.2 and §5.1): from the
 * channels the head chose and the holder's known e-mail address, how is this code notified, and why?
 * Rules decide once ({@code decided}).
 */
public class ChannelChoice {

    private final Letter.Holder holder;
    private final boolean emailRequested;
    private final boolean paperRequested;
    private final boolean hasEmail;
    private final boolean oneCouple;

    private boolean decided;
    private Channel channel;
    private String reason;

    /** A code of a mass notification (§4.2, §5.1). */
    public ChannelChoice(Letter.Holder holder, boolean emailRequested, boolean paperRequested, boolean hasEmail) {
        this(holder, emailRequested, paperRequested, hasEmail, false);
    }

    /** {@code oneCouple}: « Notifier code » for one couple (§4.3), where the head chose exactly one channel. */
    public ChannelChoice(Letter.Holder holder, boolean emailRequested, boolean paperRequested, boolean hasEmail, boolean oneCouple) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.emailRequested = emailRequested;
        this.paperRequested = paperRequested;
        this.hasEmail = hasEmail;
        this.oneCouple = oneCouple;
    }

    /** An address an e-mail can leave for: SIECLE holds blanks and mistyped ones. */
    public static boolean hasEmail(String email) {
        return email != null && !email.isBlank() && email.contains("@");
    }

    public void email(String why) {
        decide(Channel.EMAIL, why);
    }

    public void paper(String why) {
        decide(Channel.PAPER, why);
    }

    public void none(String why) {
        decide(Channel.NONE, why);
    }

    private void decide(Channel channel, String why) {
        this.decided = true;
        this.channel = channel;
        this.reason = why;
    }

    public Letter.Holder getHolder() {
        return holder;
    }

    public boolean isEmailRequested() {
        return emailRequested;
    }

    public boolean isPaperRequested() {
        return paperRequested;
    }

    public boolean isHasEmail() {
        return hasEmail;
    }

    public boolean isOneCouple() {
        return oneCouple;
    }

    public boolean isDecided() {
        return decided;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getReason() {
        return reason;
    }
}
