package com.mmorpg.deployment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the modules and their packages may depend on each other, checked on the compiled main classes
 * of every module (the reactor builds them before this module): packages without cycles, services
 * that never import each other, a simulation that knows neither network, operations, runtime nor
 * replication, a {@code protocol}, a {@code common} and a {@code world-content} that depend on no other module, and
 * a client SDK that depends on the wire protocol alone.
 */
class ArchitectureTest {

    /** Module directory to its base package. */
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("protocol", "com.mmorpg.protocol"),
            Map.entry("common", "com.mmorpg.common"),
            Map.entry("world-content", "com.mmorpg.content"),
            Map.entry("test-support", "com.mmorpg.testsupport"),
            Map.entry("service-support", "com.mmorpg.service"),
            Map.entry("auth-service", "com.mmorpg.auth"),
            Map.entry("world-directory", "com.mmorpg.worlddirectory"),
            Map.entry("gateway-service", "com.mmorpg.gateway"),
            Map.entry("map-server", "com.mmorpg.mapserver"),
            Map.entry("client", "com.mmorpg.client"),
            Map.entry("bot", "com.mmorpg.bot"));
    private static final List<String> SERVICES = List.of("auth-service", "world-directory", "gateway-service", "map-server");

    private static final JavaClasses ALL = importAll();

    private static JavaClasses importAll() {
        List<Path> directories = MODULES.keySet().stream().sorted()
                .map(module -> RepositoryFiles.path(module + "/target/classes")).toList();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory.resolve("com/mmorpg"))) {
                throw new IllegalStateException(directory + " holds no compiled classes: build the modules first "
                        + "(./mvnw -pl deployment -am verify)");
            }
        }
        return new ClassFileImporter().importPaths(directories);
    }

    static List<String> modules() {
        return MODULES.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void noModuleHasAPackageCycle(String module) {
        String base = MODULES.get(module);
        JavaClasses classes = ALL.that(inPackageTree(base));
        assertThat(classes.size()).as("classes of %s", module).isPositive();

        SlicesRuleDefinition.slices().assignedFrom(packagesUnder(base)).should().beFreeOfCycles()
                .because("a package of " + module + " that needs another one must not be needed by it")
                .check(classes);
    }

    @Test
    void servicesNeverImportEachOther() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                    .map(other -> MODULES.get(other) + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(MODULES.get(service) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk over the network, through contracts in common")
                    .check(ALL);
        }
    }

    @Test
    void theSimulationKnowsNeitherNetworkNorOperationsNorRuntimeNorReplication() {
        noClasses().that().resideInAPackage("com.mmorpg.mapserver.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mmorpg.mapserver.net..",
                        "com.mmorpg.mapserver.ops..", "com.mmorpg.mapserver.runtime..", "com.mmorpg.mapserver.interest..",
                        "com.mmorpg.mapserver.party..")
                .because("the world reaches them only through its ports (PlayerLink, PlayerViews, CharacterSaves); "
                        + "parties come to it as a Command")
                .check(ALL);
    }

    @Test
    void theGatewaysChatKnowsNothingOfEnteringTheWorld() {
        noClasses().that().resideInAPackage("com.mmorpg.gateway.chat..")
                .should().dependOnClassesThat().resideInAPackage("com.mmorpg.gateway.world..")
                .because("chat, parties and presence are their own room; refusals (GameError) live in the protocol package")
                .check(ALL);
    }

    /**
     * The gateway's rooms, top to bottom: the players' sockets ({@code connection}) route to entering
     * the world ({@code world}) and to chat and parties ({@code chat}), which share per-account paces
     * ({@code pace}), Redis subscriptions ({@code redis}), the JSON frames ({@code protocol}) and the
     * configuration ({@code config}). Nothing reaches back up.
     */
    @Test
    void theGatewaysRoomsAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Connection").definedBy("com.mmorpg.gateway.connection..")
                .layer("World").definedBy("com.mmorpg.gateway.world..")
                .layer("Chat").definedBy("com.mmorpg.gateway.chat..")
                .layer("Pace").definedBy("com.mmorpg.gateway.pace..")
                .layer("Redis").definedBy("com.mmorpg.gateway.redis..")
                .layer("Protocol").definedBy("com.mmorpg.gateway.protocol..")
                .layer("Config").definedBy("com.mmorpg.gateway.config..")
                .whereLayer("Connection").mayNotBeAccessedByAnyLayer()
                .whereLayer("World").mayOnlyBeAccessedByLayers("Connection")
                .whereLayer("Chat").mayOnlyBeAccessedByLayers("Connection")
                .whereLayer("Pace").mayOnlyBeAccessedByLayers("Connection", "Chat")
                .whereLayer("Redis").mayOnlyBeAccessedByLayers("Connection", "Chat")
                .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Connection", "World", "Chat")
                .whereLayer("Protocol").mayNotAccessAnyLayer()
                .whereLayer("Config").mayNotAccessAnyLayer()
                .because("a socket's session routes to the rooms; a room never reaches back to the sockets")
                .check(ALL);
    }

    @Test
    void theSdksMapAndAuthClientsStandAlone() {
        noClasses().that().resideInAPackage("com.mmorpg.client.map..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mmorpg.client.auth..", "com.mmorpg.client.gateway..")
                .because("a game may reach a map server with a ticket from elsewhere")
                .check(ALL);
        noClasses().that().resideInAPackage("com.mmorpg.client.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mmorpg.client.map..", "com.mmorpg.client.gateway..")
                .because("a game may log in without the rest of the SDK; only the gateway client follows an AuthClient's tokens")
                .check(ALL);
    }

    @Test
    void theBotsMapConnectionsKnowNothingOfTheBotCommands() {
        noClasses().that().resideInAPackage("com.mmorpg.bot.swarm..")
                .should().dependOnClassesThat().resideInAPackage("com.mmorpg.bot")
                .because("bot load drives the swarm; the swarm speaks the wire and counts")
                .check(ALL);
    }

    @ParameterizedTest
    @MethodSource("leafModules")
    void aLeafModuleDependsOnNoOtherModule(String module, String because) {
        noClasses().that().resideInAPackage(MODULES.get(module) + "..")
                .should().dependOnClassesThat().resideInAnyPackage(othersThan(module))
                .because(because)
                .check(ALL);
    }

    static List<Arguments> leafModules() {
        return List.of(
                Arguments.of("protocol", "game clients link the wire protocol alone"),
                Arguments.of("common", "every server links common; it knows no server and no wire message"),
                Arguments.of("world-content", "content.sh and every server read the content folder with it alone"));
    }

    @Test
    void theClientSdkDependsOnTheWireProtocolOnly() {
        String[] others = MODULES.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("client") && !entry.getKey().equals("protocol"))
                .map(entry -> entry.getValue() + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("com.mmorpg.client..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("a studio ships the SDK to players: no token codecs, no internal contracts, no bot")
                .check(ALL);
    }

    @Test
    void onlyTheMapServerAndTheClientsSpeakTheWireProtocol() {
        noClasses().that().resideInAnyPackage("com.mmorpg.auth..", "com.mmorpg.worlddirectory..", "com.mmorpg.gateway..",
                        "com.mmorpg.common..", "com.mmorpg.service..", "com.mmorpg.content..")
                .should().dependOnClassesThat().resideInAPackage("com.mmorpg.protocol..")
                .because("the wire protocol is between map servers and game clients; services talk HTTP and JSON")
                .check(ALL);
    }

    private static String[] othersThan(String module) {
        return MODULES.entrySet().stream().filter(entry -> !entry.getKey().equals(module))
                .map(entry -> entry.getValue() + "..").toArray(String[]::new);
    }

    private static DescribedPredicate<JavaClass> inPackageTree(String base) {
        return DescribedPredicate.describe("in " + base,
                javaClass -> javaClass.getPackageName().equals(base) || javaClass.getPackageName().startsWith(base + "."));
    }

    /** One slice per package directly under {@code base} (with its subpackages), and one for {@code base} itself. */
    private static SliceAssignment packagesUnder(String base) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(base)) {
                    return SliceIdentifier.of("(root)");
                }
                if (!name.startsWith(base + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = name.substring(base.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
            }

            @Override
            public String getDescription() {
                return "packages under " + base;
            }
        };
    }
}
