package fr.adminteleservices.platform;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Engine-wide tuning measured by the benchmarks, applied before the engine starts. */
@Component
class EngineTuning extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        pinDatatypeFactory();
    }

    /**
     * Every timer the engine creates (a code's year without an account, P1Y) reads its ISO 8601 duration
     * through {@link DatatypeFactory#newInstance()}. Without the {@value DatatypeFactory#DATATYPEFACTORY_PROPERTY}
     * system property, each call looks for a provider with a ServiceLoader through every jar of the class path
     * before falling back to the JDK's own: 50 to 80 µs per call against 2 µs with the property (on the
     * benchmark's class path), 0.15 to 0.25 s of CPU per 3,000 codes (CodeGenerationBenchmark). The property is
     * set once to the class that this lookup finds, and only when it is the JDK's (then visible from every class
     * loader): every timer gets the same implementation as before, without the search.
     */
    static void pinDatatypeFactory() {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) != null) {
            return;
        }
        try {
            Class<?> found = DatatypeFactory.newInstance().getClass();
            if (found.getClassLoader() == null) {
                System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, found.getName());
            }
        } catch (DatatypeConfigurationException | RuntimeException e) {
            // leave the lookup as it is: the engine reports the error when it needs a duration
        }
    }
}
