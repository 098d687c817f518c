package fr.adminteleservices.notification;

/** Where one item (one code) of a notification job stands: column {@code notification_item.state}. */
enum ItemState {
    /** In the job's frozen population, not decided yet. */
    PENDING,
    /** Decided (channel and letter variant): waits for its letter in the PDF or for its e-mail. */
    DECIDED,
    /** Not notified, with the reason the head reads (a rule, or a code invalidated since the request). */
    SKIPPED,
    /** Its e-mail could not be queued or was abandoned, with the reason. */
    FAILED,
    /** Its e-mail was accepted by the SMTP server. */
    EMAILED,
    /** Its letter is in the job's finished PDF. */
    PRINTED
}
