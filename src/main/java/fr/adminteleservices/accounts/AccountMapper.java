package fr.adminteleservices.accounts;

import fr.adminteleservices.codes.CodeKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AccountMapper {

    /** A code of the téléservices side (valid, replicated, usable from {@code validFrom}), by its keyed hash. */
    FoundCode findCode(@Param("hash") String hash);

    record FoundCode(CodeKind kind, long codeId, String uai, long studentId, LocalDate birthDate, LocalDate validFrom,
                     String studentFirstName, String studentLastName) {
    }

    Long findAccountOfCode(@Param("kind") CodeKind kind, @Param("codeId") long codeId);

    int countUsername(@Param("username") String username);

    void insertAccount(NewAccount account);

    class NewAccount {
        public Long id;
        public String username;
        public String email;
        public String passwordHash;
        public String holder;
        public String state;
        public Instant createdAt;
    }

    void attachCode(@Param("accountId") long accountId, @Param("kind") CodeKind kind, @Param("codeId") long codeId,
                    @Param("uai") String uai, @Param("studentId") long studentId, @Param("at") Instant at);

    /** G6: the account's former code of the same child gives way to the new one. */
    /** Whether the account holds a CAR of this student whose guardian is not the new CAR's guardian. */
    boolean holdsAnotherGuardiansCar(@Param("accountId") long accountId, @Param("uai") String uai,
                                     @Param("studentId") long studentId, @Param("codeId") long codeId);

    int detachChild(@Param("accountId") long accountId, @Param("uai") String uai, @Param("studentId") long studentId);

    AccountRow findAccount(@Param("id") long id);

    AccountRow findByUsername(@Param("username") String username);

    List<AccountRow> findByEmail(@Param("email") String email);

    record AccountRow(long id, String username, String email, String passwordHash, String holder, String state,
                      Instant createdAt, Instant confirmedAt, Instant lastLoginAt, int passwordVersion) {
    }

    int confirm(@Param("id") long id, @Param("at") Instant at);

    /** Codes of the establishment in the account: a head reaches only such accounts. */
    int countCodesOf(@Param("accountId") long accountId, @Param("uai") String uai);

    /** The account's state, its row locked until the transaction ends (null when there is no such account). */
    String lockState(@Param("id") long id);

    /** Keeps, for the account funnel, the codes of a provisional account about to be deleted (C5). */
    int recordExpiredConfirmation(@Param("id") long id, @Param("at") Instant at);

    int deleteProvisional(@Param("id") long id);

    /** The code the account was created with (its first). */
    AttachedCode findFirstCode(@Param("accountId") long accountId);

    record AttachedCode(CodeKind kind, long codeId, String uai, long studentId) {
    }

    void insertToken(@Param("hash") String hash, @Param("accountId") long accountId, @Param("purpose") String purpose,
                     @Param("at") Instant at, @Param("expiresAt") Instant expiresAt);

    TokenRow findToken(@Param("hash") String hash);

    record TokenRow(String tokenHash, long accountId, String purpose, Instant expiresAt, Instant usedAt) {
    }

    int useToken(@Param("hash") String hash, @Param("at") Instant at);

    /** Ends every unused link of that purpose (a newer one was sent, or the delay is over). */
    int updateEmail(@Param("accountId") long accountId, @Param("email") String email);

    int expireTokens(@Param("accountId") long accountId, @Param("purpose") String purpose, @Param("at") Instant at);

    int updatePassword(@Param("id") long id, @Param("hash") String hash);

    int rehashPassword(@Param("username") String username, @Param("oldHash") String oldHash, @Param("newHash") String newHash);

    int touchLogin(@Param("id") long id, @Param("at") Instant at);

    /** The children of an account: its codes, with whether each is still valid on the téléservices side (G4). */
    List<ChildRow> findChildren(@Param("accountId") long accountId);

    /** 1 if the account reaches this child of the téléservices side (a still valid code of it), else 0. */
    int countReached(@Param("accountId") long accountId, @Param("uai") String uai, @Param("studentId") long studentId);

    /** The first (by UAI) establishment whose code the account holds: the tenant of its password resets. */
    String firstEstablishmentOf(@Param("accountId") long accountId);

    record ChildRow(CodeKind kind, long codeId, String uai, long studentId, String firstName, String lastName, String division,
                    String mefstat, String establishmentName, boolean codeValid, boolean nationalServicesRemoved) {
    }

    /** Admin panel (C4, E4): the last accounts created with the couple's / the student's codes. */
    List<AccountPanelRow> findAccountsOfCouple(@Param("uai") String uai, @Param("linkId") long linkId);

    List<AccountPanelRow> findAccountsOfStudent(@Param("uai") String uai, @Param("eleveId") String eleveId);

    record AccountPanelRow(long id, String username, String email, String holder, String state, Instant createdAt,
                           Instant lastLoginAt) {
    }
}
