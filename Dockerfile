# One image recipe for every deployable: docker build --build-arg SERVICE=auth-service .
# (auth-service, world-directory, gateway-service or map-server). docker-compose.yml builds all four.
#
# Stage 1 builds with the Maven wrapper on a JDK 25 image (the project's build JDK); stage 2 runs the
# Boot jar's layers (dependencies change rarely, application often: rebuilds reuse the lower layers)
# on a JRE 25 image as an unprivileged user.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
ARG SERVICE
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY protocol/ protocol/
COPY common/ common/
COPY world-content/ world-content/
COPY test-support/ test-support/
COPY service-support/ service-support/
COPY auth-service/ auth-service/
COPY world-directory/ world-directory/
COPY gateway-service/ gateway-service/
COPY map-server/ map-server/
COPY client/ client/
COPY bot/ bot/
COPY deployment/ deployment/
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>"; exit 1; }
# The three Spring services are split into Boot's layers; the map server has no Spring (so no
# layer tool) and is unpacked whole into the application layer. Either way JarLauncher starts it.
# (No BuildKit-only cache mount, so the classic builder of docker-compose 1.x builds it too.)
RUN ./mvnw -B -ntp -q -pl "${SERVICE}" -am package -DskipTests \
    && mkdir -p /layers/dependencies /layers/spring-boot-loader /layers/snapshot-dependencies /layers/application \
    && if [ "${SERVICE}" = map-server ]; then \
         cd /layers/application && jar xf "/src/${SERVICE}/target/${SERVICE}.jar"; \
       else \
         java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}.jar" extract --layers --launcher --destination /layers; \
       fi

FROM ${JRE_IMAGE}
ARG SERVICE
# Where the container's own HEALTHCHECK looks (compose and Kubernetes define their own probes too).
ARG HEALTH_URL=http://127.0.0.1:3000/actuator/health/readiness
# The Spring services' actuator port (health, prometheus), when it is not the service's own: set with
# HEALTH_URL pointing at it (docker-compose.yml: 9090). The map server ignores it.
ARG MANAGEMENT_PORT=
LABEL org.opencontainers.image.title="mmorpg-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/mmorpg/mmorpg-backend"
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 mmo \
    && useradd --system --uid 10001 --gid mmo --home-dir /app --shell /usr/sbin/nologin mmo
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The world's content (maps, mob types): the studio's data, read at start. Mount another folder over
# /app/content (or build FROM this image) to run other content without rebuilding the services.
COPY content/ /app/content/
USER 10001:10001
# Container-aware heap (75 % of the memory limit), die on OOM so the orchestrator restarts a clean
# process, and no Unsafe warning from Kryo on JDK 25. Map servers in containers do not pin their
# tick thread unless told to (TICK_CPU): containers sharing a host's CPUs cannot see each other's
# claims without a shared TICK_CPU_LOCK_DIR.
ENV SERVICE=${SERVICE} \
    HEALTH_URL=${HEALTH_URL} \
    MANAGEMENT_PORT=${MANAGEMENT_PORT} \
    TICK_CPU=off \
    CONTENT_DIR=/app/content \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError --sun-misc-unsafe-memory-access=allow"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsSk "$HEALTH_URL" || exit 1
# SIGTERM reaches the JVM directly (exec form): services drain, map servers save and deregister.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
