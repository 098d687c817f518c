package fr.adminteleservices.home;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
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
                                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSchemas(ERROR_SCHEMA, new ObjectSchema()
                                .description("Une erreur : le code HTTP et un message en français, à montrer tel quel.")
                                .addProperty("status", new IntegerSchema().example(400))
                                .addProperty("message", new StringSchema().example("Le fichier « Structures.xml » est "
                                        + "l'export de l'établissement 0990002P, pas de 0990001N : import refusé."))))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /** The schema named in the error answers ({@code @ApiResponse(… ref = "#/components/schemas/Erreur")}). */
    static final String ERROR_SCHEMA = "Erreur";

    /**
     * Every operation of the API answers 401 without log-in and 403 for another establishment's data or a missing
     * role: said once here rather than on each method. Operations that document their own 403 keep it.
     */
    @Bean
    OpenApiCustomizer authenticationAnswers() {
        return api -> api.getPaths().entrySet().stream().filter(p -> p.getKey().startsWith("/api/"))
                .forEach(p -> p.getValue().readOperations().forEach(operation -> {
            String path = p.getKey();
            ApiResponses responses = operation.getResponses();
            responses.computeIfAbsent("401", k -> error("Identifiant ou mot de passe absent ou incorrect (HTTP Basic)."));
            responses.computeIfAbsent("403", k -> error(path.contains("{uai}")
                    ? "L'établissement n'est pas celui du chef d'établissement connecté."
                    : "Réservé aux administrateurs d'académie."));
        }));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
    }
}
