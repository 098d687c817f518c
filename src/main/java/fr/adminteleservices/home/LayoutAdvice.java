package fr.adminteleservices.home;

import fr.adminteleservices.mail.MailProperties;
import fr.adminteleservices.security.EstablishmentAccess;
import fr.adminteleservices.security.TeleservicesUser;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every screen's frame needs: the signed-in user and the guide's menu. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

    /** On the embedded default, the header links to the mails the app's own SMTP server received. */
    private final boolean demoMailbox;

    LayoutAdvice(MailProperties mail) {
        this.demoMailbox = mail.embedded();
    }

    @ModelAttribute("demoMailbox")
    boolean demoMailbox() {
        return demoMailbox;
    }

    @ModelAttribute("currentUser")
    TeleservicesUser currentUser() {
        return EstablishmentAccess.currentUser();
    }

    @ModelAttribute("menu")
    List<MenuEntry> menu() {
        return MenuEntry.ESTABLISHMENT_MENU;
    }
}
