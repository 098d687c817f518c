package fr.adminteleservices.accounts;

import fr.adminteleservices.codes.CodeAccounts;
import java.util.List;
import org.springframework.stereotype.Component;

/** The « Compte téléservice » panel of the couple's and the student's screens (C4, E4). */
@Component
class AccountPanels implements CodeAccounts {

    private final Accounts accounts;

    AccountPanels(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public List<CodeAccount> ofCouple(String uai, long linkId) {
        return accounts.accountsOfCouple(uai, linkId).stream().map(AccountPanels::panel).toList();
    }

    @Override
    public List<CodeAccount> ofStudent(String uai, String eleveId) {
        return accounts.accountsOfStudent(uai, eleveId).stream().map(AccountPanels::panel).toList();
    }

    private static CodeAccount panel(Accounts.PortalAccount a) {
        return new CodeAccount(a.id(), a.username(), a.email(), a.provisional(), a.createdAt(), a.lastLoginAt());
    }
}
