package fr.adminteleservices.home;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's name, version and authentication, as integrators read them at {@code /v3/api-docs} and in Swagger UI. */
@Configuration
class ApiDescription {

    @Bean
    OpenAPI teleservicesApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "développement" : build.getIfAvailable().getVersion();
        return new OpenAPI()
                .info(new Info().title("Admin Téléservices — API").version(version)
                        .description("L'API du back-office des téléservices de la scolarité : établissements, imports SIECLE, "
                                + "codes d'activation (CAR, CAE), notifications, comptes, statistiques. Chaque appel se fait "
                                + "avec l'identifiant d'un chef d'établissement (son établissement seulement) ou d'un "
                                + "administrateur d'académie, en HTTP Basic ; une erreur répond par un JSON "
                                + "{ « status », « message » } en français (400 données refusées, 403 autre établissement, "
                                + "404 inconnu, 409 conflit, 413 trop volumineux)."))
                .components(new io.swagger.v3.oas.models.Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
