package fr.adminteleservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Features are modules: no cycles, no reaching into another module's internals, no dependency a module did not declare. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /** verify() enforces the graph only where a module lists its allowed dependencies: an open module would escape it. */
    @Test
    void everyModuleDeclaresWhatItMayDependOn() {
        MODULES.forEach(module -> {
            ApplicationModule declared = module.getBasePackage().getAnnotation(ApplicationModule.class)
                    .orElseThrow(() -> new AssertionError(module.getIdentifier() + " has no @ApplicationModule in its package-info"));
            assertThat(Arrays.asList(declared.allowedDependencies())).as(module.getIdentifier().toString())
                    .doesNotContain(ApplicationModule.OPEN_TOKEN);
        });
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
