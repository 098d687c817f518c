package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.support.H2Test;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

/**
 * A code is marked notified in the transaction that records its letter or its e-mail (issue 17), never on its own:
 * a call outside one is refused rather than committed apart. That the date is written with the notification is
 * NotificationContract's concern (each code marked notified, a second PDF step recording nothing twice).
 */
@H2Test
class CodeNoticesTest {

    @Autowired
    CodeNotices notices;

    @Test
    void codesAreNotMarkedNotifiedOutsideTheTransactionOfTheirNotification() {
        assertThatThrownBy(() -> notices.notified(CodeKind.CAR, List.of(1L), LocalDate.of(2026, 9, 7)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
