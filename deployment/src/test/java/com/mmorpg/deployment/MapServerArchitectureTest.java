package com.mmorpg.deployment;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The map server's packages in layers, checked on its compiled main classes: the composition root
 * ({@code com.mmorpg.mapserver}: {@code MapServer} and its configuration) on top; the operations
 * port ({@code ops}) reading the adapters under it; the adapters ({@code net}, {@code character},
 * {@code directory}, {@code interest}, {@code party}, {@code spectate}) and the threads that run the
 * world ({@code runtime}); the world itself ({@code sim}) at the bottom, reaching nothing. Every
 * edge allowed here is one the code has; anything else fails the build.
 */
class MapServerArchitectureTest {

    private static final String BASE = "com.mmorpg.mapserver";

    private static JavaClasses mapServerClasses() {
        Path classes = RepositoryFiles.path("map-server/target/classes");
        if (!Files.isDirectory(classes.resolve("com/mmorpg/mapserver"))) {
            throw new IllegalStateException(classes + " holds no compiled classes: build the map server first "
                    + "(./mvnw -pl map-server compile)");
        }
        return new ClassFileImporter().importPath(classes);
    }

    @Test
    void theMapServersPackagesAreLayered() {
        JavaClasses classes = mapServerClasses();
        assertThat(classes.size()).as("classes of the map server").isPositive();

        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Composition").definedBy(BASE)
                .layer("Ops").definedBy(BASE + ".ops..")
                .layer("Net").definedBy(BASE + ".net..")
                .layer("Character").definedBy(BASE + ".character..")
                .layer("Directory").definedBy(BASE + ".directory..")
                .layer("Interest").definedBy(BASE + ".interest..")
                .layer("Party").definedBy(BASE + ".party..")
                .layer("Spectate").definedBy(BASE + ".spectate..")
                .layer("Runtime").definedBy(BASE + ".runtime..")
                .layer("Sim").definedBy(BASE + ".sim..")
                .whereLayer("Composition").mayNotBeAccessedByAnyLayer()
                .whereLayer("Ops").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Ops").mayOnlyAccessLayers("Net", "Character", "Spectate", "Runtime", "Sim")
                .whereLayer("Net").mayOnlyBeAccessedByLayers("Composition", "Ops")
                .whereLayer("Net").mayOnlyAccessLayers("Character", "Runtime", "Sim")
                .whereLayer("Character").mayOnlyBeAccessedByLayers("Composition", "Ops", "Net")
                .whereLayer("Character").mayOnlyAccessLayers("Runtime", "Sim")
                .whereLayer("Directory").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Directory").mayOnlyAccessLayers("Runtime")
                .whereLayer("Interest").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Interest").mayOnlyAccessLayers("Sim")
                .whereLayer("Party").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Party").mayOnlyAccessLayers("Sim")
                .whereLayer("Spectate").mayOnlyBeAccessedByLayers("Composition", "Ops")
                .whereLayer("Spectate").mayOnlyAccessLayers("Sim")
                .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Composition", "Ops", "Net", "Character", "Directory")
                .whereLayer("Runtime").mayOnlyAccessLayers("Sim")
                .whereLayer("Sim").mayOnlyBeAccessedByLayers("Composition", "Ops", "Net", "Character", "Interest", "Party",
                        "Spectate", "Runtime")
                .whereLayer("Sim").mayNotAccessAnyLayer()
                .because("MapServer wires the adapters; an adapter reaches down to the world and to the runtime, never "
                        + "sideways into another adapter unless listed, and the world reaches nothing but its own ports")
                .check(classes);
    }
}
