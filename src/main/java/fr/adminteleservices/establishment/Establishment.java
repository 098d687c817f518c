package fr.adminteleservices.establishment;

import java.util.List;
import java.util.Set;

/** An EPLE as the back office knows it. {@code headName} signs the letters. */
public record Establishment(
        String uai,
        String academyCode,
        String name,
        EstablishmentKind kind,
        String addressLine1,
        String addressLine2,
        String postalCode,
        String city,
        String headName,
        List<String> emails,
        Set<SiecleModule> siecleModules) {
}
