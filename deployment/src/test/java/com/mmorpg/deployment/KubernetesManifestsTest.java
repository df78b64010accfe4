package com.mmorpg.deployment;

import static com.mmorpg.deployment.RepositoryFiles.list;
import static com.mmorpg.deployment.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/k8s parsed: well-formed, complete, and consistent with docker-compose.yml (images, ports, environment). */
class KubernetesManifestsTest {

    private static final Path DIR = RepositoryFiles.path("deploy/k8s");
    private static final Set<String> SECRET_VARIABLES = Set.of("JWT_SECRET", "TICKET_SECRET", "INTERNAL_API_KEY",
            "DATABASE_PASSWORD", "JWT_SECRET_PREVIOUS", "TICKET_SECRET_PREVIOUS");

    private static final List<Map<String, Object>> resources = new ArrayList<>();
    private static final Map<String, Map<String, Object>> workloads = new HashMap<>();
    private static Map<String, Object> compose;

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    resources.addAll(RepositoryFiles.yamlDocuments(file));
                }
            }
        }
        for (Map<String, Object> resource : resources) {
            if (Set.of("Deployment", "StatefulSet").contains(resource.get("kind"))) {
                workloads.put(name(resource), resource);
            }
        }
        compose = map(RepositoryFiles.yamlDocuments(ComposeFileTest.COMPOSE).getFirst().get("services"), "services");
    }

    @Test
    void everyResourceIsWellFormedAndInTheNamespace() {
        assertThat(resources).hasSizeGreaterThanOrEqualTo(12);
        for (Map<String, Object> resource : resources) {
            assertThat(resource).containsKeys("apiVersion", "kind", "metadata");
            if (!"Namespace".equals(resource.get("kind"))) {
                assertThat(map(resource.get("metadata"), "metadata")).as(name(resource)).containsEntry("namespace", "mmorpg");
            }
        }
    }

    @Test
    void kustomizationListsEveryFile() throws IOException {
        Map<String, Object> kustomization = RepositoryFiles.yamlDocuments(DIR.resolve("kustomization.yaml")).getFirst();
        Set<String> files = new HashSet<>();
        try (Stream<Path> listing = Files.list(DIR)) {
            listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(files::add);
        }
        assertThat(list(kustomization.get("resources"), "resources")).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everyDeployableRunsTheComposeImageOnTheComposePorts() {
        assertThat(workloads).containsKeys("auth-service", "world-directory", "gateway-service", "map-server-1",
                "map-server-2", "postgres", "redis");
        for (String name : List.of("auth-service", "world-directory", "gateway-service", "map-server-1", "map-server-2")) {
            Map<String, Object> container = container(name);
            String composeImage = String.valueOf(map(compose.get(name), name).get("image"));
            assertThat(repository(String.valueOf(container.get("image")))).as(name).isEqualTo(repository(composeImage));
            Set<String> composePorts = new HashSet<>();
            for (Object port : list(map(compose.get(name), name).get("ports"), name + " ports")) {
                String published = String.valueOf(port);
                String containerPort = published.substring(published.indexOf(':') + 1);
                composePorts.add(containerPort.contains("/") ? containerPort : containerPort + "/tcp");
            }
            Set<String> kubernetesPorts = new HashSet<>();
            for (Object port : list(container.get("ports"), name + " ports")) {
                Map<String, Object> p = map(port, name);
                kubernetesPorts.add(p.get("containerPort") + "/" + String.valueOf(p.getOrDefault("protocol", "TCP")).toLowerCase());
            }
            assertThat(kubernetesPorts).as(name).isEqualTo(composePorts);
            assertThat(container).as(name + " probes").containsKeys("readinessProbe", "livenessProbe");
        }
        assertThat(list(container("map-server-1").get("args"), "args")).containsExactly("1", "4001");
        assertThat(list(container("map-server-2").get("args"), "args")).containsExactly("2", "4002");
    }

    @Test
    void environmentMatchesComposeAndSecretsComeOnlyFromFiles() {
        for (String name : List.of("auth-service", "world-directory", "gateway-service", "map-server-1", "map-server-2")) {
            Map<String, Object> env = new HashMap<>();
            for (Object entry : list(container(name).get("env"), name + " env")) {
                Map<String, Object> variable = map(entry, name);
                env.put(String.valueOf(variable.get("name")), variable.containsKey("value") ? variable.get("value") : "(ref)");
            }
            // Map servers read their profile from MMO_PROFILE; bcrypt's cost keeps its production default;
            // the prod profile never runs on development secrets, so nothing here allows them.
            Set<String> composeOnly = name.startsWith("map-server") ? Set.of("SPRING_PROFILES_ACTIVE", "ALLOW_DEV_SECRETS")
                    : Set.of("BCRYPT_COST", "ALLOW_DEV_SECRETS");
            Set<String> composeNames = map(map(compose.get(name), name).get("environment"), name + " environment").keySet();
            for (String variable : composeNames) {
                boolean secret = SECRET_VARIABLES.contains(variable);
                if (secret) {
                    assertThat(env).as(name + " " + variable).doesNotContainKey(variable).containsKey(variable + "_FILE");
                    assertThat(String.valueOf(env.get(variable + "_FILE"))).startsWith("/run/secrets/");
                } else if (!composeOnly.contains(variable)) {
                    assertThat(env).as(name + " sets " + variable + " like compose").containsKey(variable);
                }
            }
            assertThat(env.keySet()).as(name + ": no secret value in a manifest").doesNotContainAnyElementsOf(SECRET_VARIABLES);
        }
    }

    private static Map<String, Object> container(String workload) {
        Map<String, Object> spec = map(map(map(workloads.get(workload), workload).get("spec"), workload).get("template"), workload);
        List<Object> containers = list(map(spec.get("spec"), workload).get("containers"), workload + " containers");
        assertThat(containers).as(workload).hasSize(1);
        return map(containers.getFirst(), workload);
    }

    private static String name(Map<String, Object> resource) {
        return String.valueOf(map(resource.get("metadata"), "metadata").get("name"));
    }

    private static String repository(String image) {
        int colon = image.indexOf(':', image.lastIndexOf('/') + 1);
        return colon < 0 ? image : image.substring(0, colon);
    }
}
