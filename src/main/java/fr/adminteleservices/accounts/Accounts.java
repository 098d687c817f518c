package fr.adminteleservices.accounts;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.codes.CodeUse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and keeping accounts (G2–G4, G6, C4, C5, E4). A wrong code and a wrong birth date get the
 * same answer, so that neither can be guessed alone.
 */
@Service
public class Accounts {

    static final String ACCOUNT_PROCESS = "portal-account";
    static final String RESET_PROCESS = "password-reset";
    static final String CONFIRMED_MESSAGE = "compte-confirme";
    static final String PASSWORD_CHANGED_MESSAGE = "mot-de-passe-change";
    static final String WRONG_CODE = "Le code d'activation ou la date de naissance est incorrect. Vérifiez le courrier reçu "
            + "de l'établissement : le code est utilisable à partir de la date qu'il indique. Après plusieurs essais, "
            + "attendez une heure avant de recommencer.";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{4,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final AccountMapper mapper;
    private final CodeUse codes;
    private final PasswordPolicy passwords;
    private final PasswordEncoder encoder;
    private final AccountTokens tokens;
    private final RuntimeService runtime;
    private final ActivationRateLimit limits;
    private final ConfirmationResends confirmationResends;
    private final Clock clock;

    Accounts(AccountMapper mapper, CodeUse codes, PasswordPolicy passwords, PortalPasswordEncoder encoder, AccountTokens tokens,
             RuntimeService runtime, ActivationRateLimit limits, ConfirmationResends confirmationResends, Clock clock) {
        this.limits = limits;
        this.confirmationResends = confirmationResends;
        this.mapper = mapper;
        this.codes = codes;
        this.passwords = passwords;
        this.encoder = encoder.encoder();
        this.tokens = tokens;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** What a person types to create an account. */
    public record Activation(String code, LocalDate birthDate, String username, String email, String password,
                             String passwordAgain, String clientAddress) {
    }

    /** The account created: a guardian's waits for the confirmation link, a student's is confirmed. */
    public record Created(long accountId, String holder, boolean provisional, String studentFirstName) {
    }

    /**
     * Creates an account with a code and the student's birth date. Throws {@link AccountRefused} with
     * one French message per field; nothing is created then.
     */
    @Transactional
    public Created activate(Activation a) {
        requireAttemptsLeft(a.clientAddress());
        Map<String, String> errors = new LinkedHashMap<>();
        String username = a.username() == null ? "" : a.username().strip();
        String email = a.email() == null ? "" : a.email().strip();
        if (!USERNAME.matcher(username).matches()) {
            errors.put("username", "L'identifiant compte de 4 à 64 caractères : lettres sans accent, chiffres, point, tiret.");
        } else if (mapper.countUsername(username) > 0) {
            errors.put("username", "Cet identifiant est déjà pris : choisissez-en un autre.");
        }
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            errors.put("email", "Indiquez une adresse électronique valide : le lien de confirmation y sera envoyé.");
        }
        passwords.check(a.password(), a.passwordAgain(), username).ifPresent(m -> errors.put("password", m));
        AccountMapper.FoundCode code = findCode(a.code(), a.birthDate());
        if (code == null) {
            errors.put("code", WRONG_CODE);
        } else if (mapper.findAccountOfCode(code.kind(), code.codeId()) != null) {
            errors.put("code", "Ce code a déjà servi à créer un compte. Connectez-vous à ce compte, ou demandez un nouveau code "
                    + "à l'établissement.");
        }
        if (!errors.isEmpty()) {
            throw new AccountRefused(errors);
        }
        boolean student = code.kind() == CodeKind.CAE;
        AccountMapper.NewAccount account = new AccountMapper.NewAccount();
        account.username = username;
        account.email = email;
        account.passwordHash = encoder.encode(a.password());
        account.holder = student ? "STUDENT" : "GUARDIAN";
        // E4: a student's account is confirmed at once; C5: a guardian's waits for the link
        account.state = student ? "CONFIRMED" : "PROVISIONAL";
        account.createdAt = clock.instant();
        try {
            mapper.insertAccount(account);
            mapper.attachCode(account.id, code.kind(), code.codeId(), code.uai(), code.studentId(), account.createdAt);
        } catch (DuplicateKeyException race) {
            throw new AccountRefused(Map.of("code", "Ce code ou cet identifiant vient d'être utilisé : recommencez."));
        }
        if (student) {
            mapper.confirm(account.id, account.createdAt);
        }
        runtime.startProcessInstanceByKey(ACCOUNT_PROCESS, "ACCOUNT-" + account.id,
                Map.of("accountId", account.id, "holder", account.holder, "uai", code.uai()));
        return new Created(account.id, account.holder, !student, code.studentFirstName());
    }

    /** The link of the confirmation e-mail. Returns false when the link is unknown, used or expired. */
    @Transactional
    public boolean confirm(String token) {
        Optional<AccountMapper.TokenRow> found = tokens.use(token, AccountTokens.CONFIRM);
        if (found.isEmpty()) {
            return false;
        }
        long accountId = found.get().accountId();
        if (mapper.confirm(accountId, clock.instant()) == 0) {
            return false;
        }
        runtime.createMessageCorrelation(CONFIRMED_MESSAGE).processInstanceBusinessKey("ACCOUNT-" + accountId).correlateAllWithResult();
        return true;
    }

    /** "Marquer le code utilisé": the account is confirmed, the code it was created with is "Utilisé". */
    void codeUsed(long accountId) {
        AccountMapper.AttachedCode code = mapper.findFirstCode(accountId);
        if (code != null) {
            codes.markUsed(code.kind(), code.codeId());
        }
    }

    /** "Supprimer le compte provisoire" (C5): 7 days without confirmation; the code can serve again. */
    @Transactional
    void deleteIfProvisional(long accountId) {
        // the row lock keeps a confirmation arriving now from slipping between the record and the deletion
        String state = mapper.lockState(accountId);
        if ("PROVISIONAL".equals(state)) {
            mapper.recordExpiredConfirmation(accountId, clock.instant());
            mapper.deleteProvisional(accountId);
        } else if (state != null) {
            // confirmed while the process was not yet waiting for it: the code is used all the same
            codeUsed(accountId);
        }
    }

    /**
     * G3, G6: enters another code into a confirmed account: another child, or the new code of a child
     * already there (it replaces the former one).
     */
    @Transactional
    public String addCode(long accountId, String typedCode, LocalDate birthDate, String clientAddress) {
        requireAttemptsLeft(clientAddress);
        AccountMapper.AccountRow account = mapper.findAccount(accountId);
        AccountMapper.FoundCode code = findCode(typedCode, birthDate);
        if (account == null || code == null) {
            throw new AccountRefused(Map.of("code", WRONG_CODE));
        }
        if (code.kind() != ("STUDENT".equals(account.holder()) ? CodeKind.CAE : CodeKind.CAR)) {
            throw new AccountRefused(Map.of("code", "STUDENT".equals(account.holder())
                    ? "Un compte élève ne reçoit qu'un code d'activation élève (CAE)."
                    : "Ce code est un code d'activation élève : il sert à l'élève à créer son propre compte."));
        }
        Long owner = mapper.findAccountOfCode(code.kind(), code.codeId());
        if (owner != null) {
            throw new AccountRefused(Map.of("code", owner == accountId ? "Ce code est déjà dans votre compte."
                    : "Ce code a déjà servi à créer un autre compte."));
        }
        // G6: a new code replaces the former one of the same couple only. Another legal guardian's code of a child
        // already in the account is that guardian's own: it would take over their access (their code « Utilisé »,
        // their own account refused).
        if (code.kind() == CodeKind.CAR && mapper.holdsAnotherGuardiansCar(accountId, code.uai(), code.studentId(), code.codeId())) {
            throw new AccountRefused(Map.of("code", "Ce code est celui d'un autre responsable de " + code.studentFirstName()
                    + " : il lui sert à créer son propre compte. Votre propre accès à " + code.studentFirstName()
                    + " est déjà dans votre compte ; si votre code a changé, saisissez le nouveau code reçu à votre nom."));
        }
        boolean replaced = mapper.detachChild(accountId, code.uai(), code.studentId()) > 0;
        mapper.attachCode(accountId, code.kind(), code.codeId(), code.uai(), code.studentId(), clock.instant());
        codes.markUsed(code.kind(), code.codeId());
        return replaced ? "Le nouveau code de " + code.studentFirstName() + " est enregistré : son accès est rétabli."
                : code.studentFirstName() + " est ajouté(e) à votre compte.";
    }

    /**
     * « Renvoyer le lien de confirmation »: a mistyped e-mail or a lost message would block the code for 7 days.
     * With the code and the birth date (the same checks and limits as creating the account), the family gets a
     * new link — at a corrected address if given —, which replaces the former one. The 7-day deadline of the
     * first request stays: a resend does not extend it.
     */
    @Transactional
    public String resendConfirmation(String typedCode, LocalDate birthDate, String correctedEmail, String clientAddress) {
        requireAttemptsLeft(clientAddress);
        AccountMapper.FoundCode code = findCode(typedCode, birthDate);
        Long accountId = code == null ? null : mapper.findAccountOfCode(code.kind(), code.codeId());
        AccountMapper.AccountRow account = accountId == null ? null : mapper.findAccount(accountId);
        if (account == null || !"PROVISIONAL".equals(account.state())) {
            throw new AccountRefused(Map.of("code", code == null ? WRONG_CODE
                    : "Aucun compte n'attend de confirmation avec ce code : s'il a été confirmé, connectez-vous ; sinon, créez "
                    + "votre compte avec ce code."));
        }
        String email = correctedEmail == null ? "" : correctedEmail.strip();
        if (!email.isEmpty()) {
            if (!EMAIL.matcher(email).matches() || email.length() > 254) {
                throw new AccountRefused(Map.of("email", "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."));
            }
            mapper.updateEmail(account.id(), email);
        }
        sendNewConfirmation(account.id());
        return email.isEmpty() ? account.email() : email;
    }

    /** The head's « Renvoyer le lien de confirmation » on the account panel, while the account is provisional. */
    @Transactional
    public void resendConfirmationByHead(String uai, long accountId) {
        AccountMapper.AccountRow account = mapper.findAccount(accountId);
        if (account == null || mapper.countCodesOf(accountId, uai) == 0) {
            throw new AccountRefused(Map.of("account", "Ce compte n'existe pas."));
        }
        if (!"PROVISIONAL".equals(account.state())) {
            throw new AccountRefused(Map.of("account", "Le compte est déjà confirmé : il n'a plus de lien de confirmation."));
        }
        sendNewConfirmation(accountId);
    }

    private void sendNewConfirmation(long accountId) {
        if (!limits.tryResendConfirmation(accountId)) {
            throw new AccountRefused(Map.of("code", "Un lien de confirmation vient déjà d'être renvoyé pour ce compte : "
                    + "vérifiez votre messagerie (et ses indésirables), ou réessayez dans une heure."));
        }
        // the new link replaces the former ones: only the last e-mail's link works
        mapper.expireTokens(accountId, AccountTokens.CONFIRM, clock.instant());
        confirmationResends.send(accountId);
    }

    /** The children of an account, with whether each one's code is still valid (G4). */
    public List<Child> children(long accountId) {
        return mapper.findChildren(accountId).stream()
                .map(c -> new Child(c.kind(), c.uai(), c.studentId(), c.firstName(), c.lastName(), c.division(), c.mefstat(),
                        c.establishmentName(), c.codeValid(), c.nationalServicesRemoved()))
                .toList();
    }

    /**
     * A student of the account. {@code nationalServicesRemoved}: E3, the school removed the national
     * téléservices from this student's own account (coupon « pour l'élève »), as replicated last night.
     */
    public record Child(CodeKind kind, String uai, long studentId, String firstName, String lastName, String division,
                       String mefstat, String establishmentName, boolean accessible, boolean nationalServicesRemoved) {
    }

    /** The account signed in on the portal for this request, if any (never an administrator). */
    public Optional<PortalAccount> signedIn() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()
                || auth.getAuthorities().stream().noneMatch(a -> ("ROLE_" + PortalSecurity.ROLE).equals(a.getAuthority()))) {
            return Optional.empty();
        }
        // the filter that ends sessions after a password change read the account a moment ago, in this request
        AccountMapper.AccountRow checked = PasswordChangeEndsSessions.checkedThisRequest(auth.getName());
        return (checked != null ? Optional.of(checked) : byUsername(auth.getName())).map(Accounts::view);
    }

    /** Whether this child (establishment and student of the téléservices side) is reachable from the account: a valid code of it is in it. */
    public boolean reaches(long accountId, String uai, long studentId) {
        return mapper.countReached(accountId, uai, studentId) > 0;
    }

    public Optional<PortalAccount> account(long accountId) {
        return Optional.ofNullable(mapper.findAccount(accountId)).map(Accounts::view);
    }

    Optional<AccountMapper.AccountRow> byUsername(String username) {
        return Optional.ofNullable(mapper.findByUsername(username == null ? "" : username.strip()));
    }

    /** The same password in a newer hash (at a log-in); nothing if the password changed since it was read. */
    void rehashed(String username, String oldHash, String newHash) {
        mapper.rehashPassword(username, oldHash, newHash);
    }

    void loggedIn(long accountId) {
        mapper.touchLogin(accountId, clock.instant());
    }

    /** An account as the head's panel and the portal show it (never the password hash). */
    public record PortalAccount(long id, String username, String email, String holder, String state, Instant createdAt,
                                Instant lastLoginAt) {
        public boolean provisional() {
            return "PROVISIONAL".equals(state);
        }
    }

    private static PortalAccount view(AccountMapper.AccountRow r) {
        return new PortalAccount(r.id(), r.username(), r.email(), r.holder(), r.state(), r.createdAt(), r.lastLoginAt());
    }

    // ------------------------------------------------------------------ password reset (C4, E4)

    /**
     * "Mot de passe oublié": starts a reset for the account with this identifier or e-mail, if any, within
     * the account's limit. Called off the request thread by {@link ForgottenPasswords}.
     */
    @Transactional
    public void forgotPassword(String usernameOrEmail) {
        String typed = usernameOrEmail == null ? "" : usernameOrEmail.strip();
        List<AccountMapper.AccountRow> found = typed.contains("@") ? mapper.findByEmail(typed)
                : Optional.ofNullable(mapper.findByUsername(typed)).stream().toList();
        // an account gets a few links an hour at most, whoever asks (ForgottenPasswords limits each address)
        found.stream().filter(a -> "CONFIRMED".equals(a.state())).filter(a -> limits.tryResetAccount(a.id()))
                .forEach(a -> startReset(a.id(), "titulaire", establishmentOf(a.id())));
    }

    /** The head's "Réinitialiser le mot de passe" (hidden while provisional), for an account of their establishment. */
    @Transactional
    public void resetRequestedByHead(String uai, long accountId, String by) {
        AccountMapper.AccountRow account = mapper.findAccount(accountId);
        if (account == null || mapper.countCodesOf(accountId, uai) == 0) {
            throw new AccountRefused(Map.of("account", "Ce compte n'existe pas."));
        }
        if (!"CONFIRMED".equals(account.state())) {
            throw new AccountRefused(Map.of("account", "Le compte est provisoire : le mot de passe ne se réinitialise qu'une fois "
                    + "le compte confirmé."));
        }
        startReset(accountId, by, uai);
    }

    /** The reset belongs to an establishment's tenant: the head's, or the first of the account's children. */
    private void startReset(long accountId, String by, String uai) {
        // a newer link replaces the older ones
        mapper.expireTokens(accountId, AccountTokens.RESET, clock.instant());
        runtime.startProcessInstanceByKey(RESET_PROCESS, "RESET-" + accountId,
                Map.of("accountId", accountId, "requestedBy", by == null ? "" : by, "uai", uai));
    }

    private String establishmentOf(long accountId) {
        String uai = mapper.firstEstablishmentOf(accountId);
        return uai == null ? "" : uai;
    }

    /** Whether a reset link can still be used (the page asks for the new password only then). */
    public boolean resetLinkValid(String token) {
        return tokens.find(token, AccountTokens.RESET).isPresent();
    }

    /** The new password, through the link; the old one worked until now. */
    @Transactional
    public void resetPassword(String token, String password, String passwordAgain) {
        AccountMapper.TokenRow link = tokens.find(token, AccountTokens.RESET)
                .orElseThrow(() -> new AccountRefused(Map.of("token", "Ce lien n'est plus valable : demandez-en un nouveau.")));
        AccountMapper.AccountRow account = mapper.findAccount(link.accountId());
        passwords.check(password, passwordAgain, account.username()).ifPresent(m -> {
            throw new AccountRefused(Map.of("password", m));
        });
        tokens.use(token, AccountTokens.RESET);
        mapper.updatePassword(account.id(), encoder.encode(password));
        runtime.createMessageCorrelation(PASSWORD_CHANGED_MESSAGE).processInstanceBusinessKey("RESET-" + account.id())
                .correlateAllWithResult();
    }

    /** "Invalider le lien": the reset's delay is over. */
    void expireResetLinks(long accountId) {
        mapper.expireTokens(accountId, AccountTokens.RESET, clock.instant());
    }

    // ------------------------------------------------------------------ the head's panel (C4, E4)

    public List<PortalAccount> accountsOfCouple(String uai, long linkId) {
        return mapper.findAccountsOfCouple(uai, linkId).stream()
                .map(r -> new PortalAccount(r.id(), r.username(), r.email(), r.holder(), r.state(), r.createdAt(), r.lastLoginAt()))
                .toList();
    }

    public List<PortalAccount> accountsOfStudent(String uai, String eleveId) {
        return mapper.findAccountsOfStudent(uai, eleveId).stream()
                .map(r -> new PortalAccount(r.id(), r.username(), r.email(), r.holder(), r.state(), r.createdAt(), r.lastLoginAt()))
                .toList();
    }

    private AccountMapper.FoundCode findCode(String typed, LocalDate birthDate) {
        AccountMapper.FoundCode code = codes.lookupHash(typed).map(mapper::findCode).orElse(null);
        if (code == null) {
            return null;
        }
        // each try on a known code counts for its student, right or wrong: a birth date cannot be guessed. Once
        // the student's tries are spent, the answer is the one of a wrong code: it never tells that a code exists.
        if (!limits.tryStudent(code.uai(), code.studentId())) {
            return null;
        }
        if (birthDate == null || !code.birthDate().equals(birthDate)) {
            return null;
        }
        if (code.validFrom().isAfter(LocalDate.now(clock))) {
            // R2: the right code with the right birth date tells only what its letter says already
            throw new AccountRefused(Map.of("code", "Ce code sera utilisable à partir du "
                    + code.validFrom().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + "."));
        }
        return code;
    }

    private void requireAttemptsLeft(String clientAddress) {
        if (!limits.tryClientAddress(clientAddress)) {
            throw new AccountRefused(Map.of("code", "Trop de tentatives depuis votre connexion : réessayez dans quelques minutes."));
        }
    }
}
