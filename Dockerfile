# Build: Maven + the machine's npm (DSFR assets), then a small JRE image.
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .
COPY frontend/package.json frontend/package-lock.json frontend/
COPY src src
COPY processes processes
COPY rules rules
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the health check (docker-compose.yml)
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/admin-teleservices-*.jar app.jar
# processes/ and rules/ are read from here at start; mount the repository's folders to edit them.
COPY processes processes
COPY rules rules
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
