package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one Dockerfile: JDK 25 build with the wrapper, JRE 25 run as non-root, every reactor module in the build. */
class DockerfileTest {

    @Test
    void buildsOnAJdkAndRunsOnAJreAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.path("Dockerfile"));

        assertThat(dockerfile).contains("ARG JDK_IMAGE=eclipse-temurin:25-jdk", "ARG JRE_IMAGE=eclipse-temurin:25-jre",
                "FROM ${JDK_IMAGE} AS build", "FROM ${JRE_IMAGE}", "./mvnw ", "extract --layers --launcher",
                "HEALTHCHECK", "-XX:MaxRAMPercentage", "ENTRYPOINT [\"java\"");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
    }

    @Test
    void theImageCarriesTheContentFolderWhereTheServersLookForIt() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.path("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.indexOf("FROM ${JRE_IMAGE}"));

        assertThat(runtime).contains("COPY content/ /app/content/", "CONTENT_DIR=/app/content");
        assertThat(Files.readString(RepositoryFiles.path(".dockerignore"))).doesNotContainPattern("(?m)^/?content/?$");
        assertThat(RepositoryFiles.path("content/maps/1.json")).isRegularFile();
        assertThat(RepositoryFiles.path("content/mobs.json")).isRegularFile();
    }

    @Test
    void copiesEveryModuleTheParentPomNames() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.path("Dockerfile"));
        String pom = Files.readString(RepositoryFiles.path("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            modules.add(module.group(1));
        }

        assertThat(modules).isNotEmpty();
        for (String name : modules) {
            assertThat(dockerfile).as("Maven needs every module of the parent: " + name).contains("COPY " + name + "/ " + name + "/");
        }
        assertThat(Files.readString(RepositoryFiles.path(".dockerignore"))).contains("**/target/")
                .doesNotContainPattern("(?m)^(" + String.join("|", modules) + ")/?$");
    }
}
