package fr.adminteleservices.security;

/** Groups of Camunda's identity service, and the Spring roles they become. */
public final class Roles {

    /** Académie administrators: all establishments, the catalogue, the rollover. */
    public static final String ACADEMY_ADMINS_GROUP = "academy-admins";
    /** Heads of establishment: only the establishment(s) whose tenant they belong to. */
    public static final String HEADS_GROUP = "heads";
    /** Camunda's own administrators group (full Cockpit and Admin). */
    public static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

    /**
     * The engine tenant of the académie-wide processes (rollover, replication): only académie administrators
     * belong to it, so heads never see their instances or tasks. Not a UAI (a UAI is 7 digits and a letter).
     */
    public static final String ACADEMY_TENANT = "academie";

    public static final String ACADEMY_ADMIN = "ACADEMY_ADMIN";
    public static final String HEAD = "HEAD";

    private Roles() {
    }
}
