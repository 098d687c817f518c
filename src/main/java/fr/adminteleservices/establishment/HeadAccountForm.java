package fr.adminteleservices.establishment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The log-in of a head of establishment, created by an académie administrator. */
public record HeadAccountForm(
        @NotBlank(message = "L'identifiant est obligatoire.")
        @Pattern(regexp = "[a-zA-Z0-9._-]{3,64}", message = "L'identifiant compte de 3 à 64 lettres, chiffres, points, tirets.")
        String username,
        @NotBlank(message = "Le mot de passe est obligatoire.")
        @Size(min = 12, max = 128, message = "Le mot de passe compte au moins 12 caractères.")
        String password,
        @NotBlank(message = "Le prénom est obligatoire.") @Size(max = 100) String firstName,
        @NotBlank(message = "Le nom est obligatoire.") @Size(max = 100) String lastName) {
}
