package com.mmorpg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedJarTest {

    @TempDir
    Path root;

    @Test
    void aJarNewerThanItsSourcesIsUsedAndAStaleOneStopsTheTestNamingTheFix() throws Exception {
        Path source = Files.createDirectories(root.resolve("gateway-service/src/main/java")).resolve("A.java");
        Path shared = Files.createDirectories(root.resolve("common/src/main/java")).resolve("B.java");
        Path jar = Files.createDirectories(root.resolve("gateway-service/target")).resolve("gateway-service.jar");
        Files.writeString(source, "class A {}");
        Files.writeString(shared, "class B {}");
        Files.writeString(jar, "jar");
        Instant now = Instant.now();
        Files.setLastModifiedTime(source, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(shared, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(now));

        assertThat(PackagedJar.fresh(jar)).isEqualTo(jar);

        Files.setLastModifiedTime(shared, FileTime.from(now.plusSeconds(5)));
        assertThatThrownBy(() -> PackagedJar.fresh(jar)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale jar gateway-service/target/gateway-service.jar")
                .hasMessageContaining("common/src/main/java/B.java changed after it was built")
                .hasMessageContaining("./mvnw -pl gateway-service -am package -DskipTests");
        assertThatThrownBy(() -> PackagedJar.fresh(root.resolve("gateway-service/target/missing.jar")))
                .hasMessageContaining("no jar at");
    }
}
