package fr.adminteleservices.security;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At every start, installations created before a grant existed receive it. */
@Component
@Order(0)
class EngineGrants implements ApplicationRunner {

    private final Directory directory;

    EngineGrants(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        directory.ensureAcademyAdminsGroup();
        directory.revokeHeadsGlobalTaskGrants();
    }
}
