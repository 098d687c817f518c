/**
 * Activation codes (§1.2, §4.1, §4.3, §5): CARs of couples élève / responsable and CAEs of
 * students — generation (mass and individual), history, refusal coupons, and their lifecycles in
 * BPMN (expiry after a year without an account). Values are secret: stored encrypted, looked up by
 * a keyed hash, never logged. Only this feature writes the code tables: the others say what happened
 * through {@link fr.adminteleservices.codes.CodeUse} (an account uses a code, continuity of access) and
 * {@link fr.adminteleservices.codes.CodeNotices} (codes notified), in their own transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Codes d'activation",
        allowedDependencies = {"establishment", "opening", "platform", "security", "siecle", "students"})
package fr.adminteleservices.codes;
