package fr.adminteleservices.establishment;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an académie administrator gives to register an establishment (screen and API). */
public record EstablishmentForm(
        @NotBlank(message = "L'UAI est obligatoire.")
        @ValidUai
        String uai,
        @NotBlank(message = "Le nom de l'établissement est obligatoire.") @Size(max = 200, message = "Le nom compte au plus 200 caractères.")
        String name,
        @NotNull(message = "Le type d'établissement (collège ou lycée) est obligatoire.")
        EstablishmentKind kind,
        @Size(max = 200, message = "Une ligne d'adresse compte au plus 200 caractères.") String addressLine1,
        @Size(max = 200, message = "Une ligne d'adresse compte au plus 200 caractères.") String addressLine2,
        @Pattern(regexp = "\\d{5}|", message = "Le code postal compte cinq chiffres.") String postalCode,
        @Size(max = 100, message = "La commune compte au plus 100 caractères.") String city,
        @Size(max = 200, message = "Le nom du chef d'établissement compte au plus 200 caractères.") String headName,
        List<@Email(message = "Adresse électronique invalide.") @Size(max = 254) String> emails,
        Set<SiecleModule> siecleModules) {

    Establishment toEstablishment(String academyCode) {
        return new Establishment(uai, academyCode, name.strip(), kind, blankToNull(addressLine1), blankToNull(addressLine2),
                blankToNull(postalCode), blankToNull(city), blankToNull(headName),
                emails == null ? List.of() : emails.stream().map(String::strip).filter(e -> !e.isEmpty()).distinct().toList(),
                siecleModules == null ? Set.of() : new LinkedHashSet<>(siecleModules));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
