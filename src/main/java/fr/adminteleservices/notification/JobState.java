package fr.adminteleservices.notification;

/** Where a notification job stands: column {@code notification_job.state}. */
enum JobState {
    RUNNING,
    DONE,
    /** Stopped by an incident of its process (shown with the incident's message). */
    FAILED
}
