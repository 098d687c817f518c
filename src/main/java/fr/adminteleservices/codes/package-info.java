/**
 * Activation codes (§1.2, §4.1, §4.3, §5): CARs of couples élève / responsable and CAEs of
 * students — generation (mass and individual), history, refusal coupons, and their lifecycles in
 * BPMN (expiry after a year without an account). Values are secret: stored encrypted, looked up by
 * a keyed hash, never logged.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Codes d'activation")
package fr.adminteleservices.codes;
