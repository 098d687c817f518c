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

    private boolean decided;
    private Channel channel;
    private String reason;

    public ChannelChoice(Letter.Holder holder, boolean emailRequested, boolean paperRequested, boolean hasEmail) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.emailRequested = emailRequested;
        this.paperRequested = paperRequested;
        this.hasEmail = hasEmail;
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
