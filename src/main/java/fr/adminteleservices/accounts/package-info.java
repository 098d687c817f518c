/**
 * Internet accounts of guardians and students (§1.2, §4.3, §5.2; G2–G4, G6, C4, C5, E4): created on the
 * portal with an activation code and the student's birth date; a guardian's account stays provisional
 * until the link of the confirmation e-mail is followed, and is deleted after 7 days without it
 * ({@code processes/portal-account.bpmn}); password reset by a single-use link whose expiry is in
 * {@code processes/password-reset.bpmn}. Several children in one account, one code per child.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Comptes des responsables et des élèves",
        allowedDependencies = {"codes", "mail", "opening", "ratelimit", "security", "siecle"})
package fr.adminteleservices.accounts;
