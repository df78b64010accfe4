package com.mmorpg.deployment;

import static com.mmorpg.deployment.RepositoryFiles.list;
import static com.mmorpg.deployment.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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
        for (String name : List.of("auth-service", "world-directory", "gateway-service", "map-server-1", "map-server-2", "map-server-3")) {
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
                if ("management".equals(p.get("name"))) {
                    assertThat(p.get("containerPort")).as(name + ": MANAGEMENT_PORT, not published").isEqualTo(9090);
                    continue;
                }
                if ("ops".equals(p.get("name"))) { // the map server's ops port: compose keeps it in its network too
                    assertThat(String.valueOf(p.get("containerPort"))).as(name + ": OPS_PORT, not published")
                            .isEqualTo(String.valueOf(map(map(compose.get(name), name).get("environment"), name).get("OPS_PORT")));
                    continue;
                }
                kubernetesPorts.add(p.get("containerPort") + "/" + String.valueOf(p.getOrDefault("protocol", "TCP")).toLowerCase());
            }
            assertThat(kubernetesPorts).as(name).isEqualTo(composePorts);
            assertThat(container).as(name + " probes").containsKeys("readinessProbe", "livenessProbe");
        }
        for (String name : List.of("map-server-1", "map-server-2")) { // a held ops port must not restart a map server
            assertThat(map(map(container(name).get("livenessProbe"), name).get("httpGet"), name).get("path")).isEqualTo("/health");
            assertThat(map(map(container(name).get("readinessProbe"), name).get("httpGet"), name).get("path")).isEqualTo("/ready");
        }
        assertThat(list(container("map-server-1").get("args"), "args")).containsExactly("1", "4001");
        assertThat(list(container("map-server-2").get("args"), "args")).containsExactly("2", "4002");
    }

    @Test
    void environmentMatchesComposeAndSecretsComeOnlyFromFiles() {
        for (String name : List.of("auth-service", "world-directory", "gateway-service", "map-server-1", "map-server-2", "map-server-3")) {
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
                    // REDIS_URL carries Redis's password in Kubernetes: it comes as a file there
                    assertThat(env.containsKey(variable) || env.containsKey(variable + "_FILE"))
                            .as(name + " sets " + variable + " (or " + variable + "_FILE) like compose").isTrue();
                }
            }
            assertThat(env.keySet()).as(name + ": no secret value in a manifest").doesNotContainAnyElementsOf(SECRET_VARIABLES);
        }
    }

    @Test
    void theIngressRoutesPlayersAndNothingInternal() {
        Map<String, Object> ingress = resources.stream().filter(r -> "Ingress".equals(r.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = map(ingress.get("spec"), "ingress spec");
        assertThat(list(spec.get("tls"), "tls")).isNotEmpty();
        Map<Pattern, String> routes = new HashMap<>();
        for (Object rule : list(spec.get("rules"), "rules")) {
            for (Object path : list(map(map(rule, "rule").get("http"), "http").get("paths"), "paths")) {
                Map<String, Object> entry = map(path, "path");
                String service = String.valueOf(map(map(entry.get("backend"), "backend").get("service"), "service").get("name"));
                // ingress-nginx's regex locations are anchored at the start ("^" + path)
                routes.put(Pattern.compile("^" + entry.get("path")), service);
            }
        }
        Map<String, String> reachable = new HashMap<>();
        for (String path : List.of("/auth/login", "/auth/register", "/auth/refresh", "/auth/logout", "/character-classes",
                "/characters", "/characters/42", "/maps", "/maps/3", "/items", "/content/maps/3.tmj", "/content/maps/dungeon.png")) {
            reachable.put(path, "auth-service");
        }
        reachable.put("/ws", "gateway-service");
        reachable.forEach((path, service) -> assertThat(routes.entrySet().stream()
                .filter(route -> route.getKey().matcher(path).matches()).map(Map.Entry::getValue).toList())
                .as(path).containsExactly(service));
        for (String internal : List.of("/characters/42/internal", "/characters/42/internal/state", "/characters/42/internal/lease",
                "/internal/accounts/1/ban", "/internal/leases/renew", "/internal/trades", "/internal/items/ids", "/actuator/health", "/actuator/prometheus",
                "/v3/api-docs", "/swagger-ui.html", "/map-registry/servers", "/session", "/content/classes.json")) {
            assertThat(routes.keySet().stream().noneMatch(route -> route.matcher(internal).matches())).as(internal).isTrue();
        }
        Map<String, Object> gatewayService = resources.stream()
                .filter(r -> "Service".equals(r.get("kind")) && "gateway-service".equals(name(r))).findFirst().orElseThrow();
        assertThat(map(gatewayService.get("spec"), "spec").get("type")).as("the gateway only through the Ingress")
                .isEqualTo("ClusterIP");
    }

    @Test
    void everyWorkloadHasADisruptionBudgetAndTheNamespaceDeniesByDefault() {
        List<Map<String, Object>> budgets = resources.stream().filter(r -> "PodDisruptionBudget".equals(r.get("kind"))).toList();
        for (String name : List.of("auth-service", "world-directory", "gateway-service", "map-server-1", "map-server-2", "map-server-3")) {
            Map<String, Object> labels = map(map(map(map(workloads.get(name), name).get("spec"), name).get("template"), name)
                    .get("metadata"), name);
            Map<String, Object> podLabels = map(labels.get("labels"), name + " labels");
            assertThat(budgets.stream().anyMatch(budget -> podLabels.entrySet().containsAll(
                    map(map(map(budget.get("spec"), "pdb").get("selector"), "selector").get("matchLabels"), "matchLabels").entrySet())))
                    .as(name + " has a PodDisruptionBudget").isTrue();
        }
        assertThat(resources.stream().anyMatch(r -> "NetworkPolicy".equals(r.get("kind"))
                && map(map(r.get("spec"), "spec").get("podSelector"), "podSelector").isEmpty())).as("default deny").isTrue();
        for (String store : List.of("postgres", "redis")) {
            assertThat(resources.stream().anyMatch(r -> "NetworkPolicy".equals(r.get("kind")) && String.valueOf(
                    map(map(r.get("spec"), "spec").get("podSelector"), "podSelector").get("matchLabels")).contains("app=" + store)))
                    .as(store + " has a NetworkPolicy").isTrue();
        }
    }

    @Test
    void theNetworkPoliciesLetThroughWhatTheServicesCallAndNothingElse() {
        Map<String, String> auth = Map.of("app", "auth-service");
        Map<String, String> world = Map.of("app", "world-directory");
        Map<String, String> gateway = Map.of("app", "gateway-service");
        Map<String, String> mapOne = Map.of("app", "map-server", "map", "1");
        Map<String, String> mapTwo = Map.of("app", "map-server", "map", "2");
        // players: logins and characters through the ingress controller, the game ports from anywhere
        assertThat(allowed(Peer.namespace("ingress-nginx"), auth, "TCP", 3000)).as("ingress -> auth-service").isTrue();
        assertThat(allowed(Peer.namespace("ingress-nginx"), gateway, "TCP", 3002)).as("ingress -> gateway").isTrue();
        for (String protocol : List.of("TCP", "UDP")) {
            assertThat(allowed(Peer.OUTSIDE, mapOne, protocol, 4001)).as("player -> map server 1 " + protocol).isTrue();
            assertThat(allowed(Peer.OUTSIDE, mapTwo, protocol, 4002)).as("player -> map server 2 " + protocol).isTrue();
        }
        // the servers' own calls (each one's AUTH_SERVICE_URL, WORLD_DIRECTORY_URL, REDIS_URL, DATABASE_URL)
        for (String caller : List.of("gateway-service", "map-server", "world-directory")) {
            assertThat(allowed(Peer.pod(caller), auth, "TCP", 3000)).as(caller + " -> auth-service").isTrue();
        }
        for (String caller : List.of("gateway-service", "map-server")) {
            assertThat(allowed(Peer.pod(caller), world, "TCP", 3001)).as(caller + " -> world-directory").isTrue();
        }
        assertThat(allowed(Peer.pod("world-directory"), mapOne, "TCP", 5001)).as("live map relay").isTrue();
        assertThat(allowed(Peer.pod("auth-service"), Map.of("app", "postgres"), "TCP", 5432)).isTrue();
        // map servers read the gateway's parties there (loot reserved for a killer's party)
        for (String caller : List.of("auth-service", "world-directory", "gateway-service", "map-server")) {
            assertThat(allowed(Peer.pod(caller), Map.of("app", "redis"), "TCP", 6379)).as(caller + " -> redis").isTrue();
        }
        assertThat(allowed(Peer.namespace("monitoring"), auth, "TCP", 9090)).as("Prometheus").isTrue();
        // and nothing else
        assertThat(allowed(Peer.OUTSIDE, auth, "TCP", 3000)).as("auth-service only through the ingress").isFalse();
        assertThat(allowed(Peer.namespace("ingress-nginx"), world, "TCP", 3001)).as("nobody outside registers a server").isFalse();
        assertThat(allowed(Peer.OUTSIDE, mapOne, "TCP", 5001)).as("ops port").isFalse();
        assertThat(allowed(Peer.pod("map-server"), Map.of("app", "postgres"), "TCP", 5432)).isFalse();
        assertThat(allowed(Peer.pod("gateway-service"), Map.of("app", "postgres"), "TCP", 5432)).isFalse();
        assertThat(allowed(Peer.namespace("ingress-nginx"), Map.of("app", "redis"), "TCP", 6379)).isFalse();
        assertThat(allowed(Peer.OUTSIDE, Map.of("app", "redis"), "TCP", 6379)).isFalse();
        assertThat(allowed(Peer.namespace("ingress-nginx"), auth, "TCP", 9090)).as("management port").isFalse();
    }

    /** Who opens a connection: a pod of this namespace (by its labels), anyone in another namespace, or outside the cluster. */
    private record Peer(String namespace, Map<String, String> labels) {

        static final Peer OUTSIDE = new Peer(null, Map.of());

        static Peer pod(String app) {
            return new Peer("mmorpg", Map.of("app", app));
        }

        static Peer namespace(String name) {
            return new Peer(name, Map.of());
        }
    }

    /**
     * Whether the namespace's NetworkPolicies let {@code from} reach a pod labelled {@code target} on {@code port}, as
     * Kubernetes reads them: a pod no Ingress policy selects takes anything; otherwise one rule of a policy selecting it
     * must match both the peer and the port. (Only what the manifests use: pod and namespace selectors, numeric ports.)
     */
    private static boolean allowed(Peer from, Map<String, String> target, String protocol, int port) {
        List<Map<String, Object>> selecting = resources.stream().filter(r -> "NetworkPolicy".equals(r.get("kind")))
                .map(r -> map(r.get("spec"), "NetworkPolicy spec"))
                .filter(spec -> list(spec.get("policyTypes"), "policyTypes").contains("Ingress"))
                .filter(spec -> selects(map(spec.get("podSelector"), "podSelector"), target)).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (Map<String, Object> spec : selecting) {
            for (Object item : spec.get("ingress") == null ? List.of() : list(spec.get("ingress"), "ingress")) {
                Map<String, Object> rule = map(item, "ingress rule");
                boolean portMatches = rule.get("ports") == null || list(rule.get("ports"), "ports").stream()
                        .map(p -> map(p, "port")).anyMatch(p -> String.valueOf(p.getOrDefault("protocol", "TCP")).equals(protocol)
                                && Integer.valueOf(port).equals(p.get("port")));
                boolean peerMatches = rule.get("from") == null || list(rule.get("from"), "from").stream()
                        .map(f -> map(f, "from")).anyMatch(f -> peerMatches(f, from));
                if (portMatches && peerMatches) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerMatches(Map<String, Object> peer, Peer from) {
        assertThat(peer.keySet()).as("peer kinds this check understands").isSubsetOf("podSelector", "namespaceSelector");
        if (peer.containsKey("namespaceSelector")) {
            Map<String, Object> namespaces = map(peer.get("namespaceSelector"), "namespaceSelector");
            return from.namespace() != null && selects(namespaces, Map.of("kubernetes.io/metadata.name", from.namespace()))
                    && (!peer.containsKey("podSelector") || selects(map(peer.get("podSelector"), "podSelector"), from.labels()));
        }
        return "mmorpg".equals(from.namespace()) && selects(map(peer.get("podSelector"), "podSelector"), from.labels());
    }

    private static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        assertThat(selector.keySet()).as("selector kinds this check understands").isSubsetOf("matchLabels", "matchExpressions");
        Map<String, Object> matchLabels = selector.get("matchLabels") == null ? Map.of() : map(selector.get("matchLabels"), "matchLabels");
        boolean all = matchLabels.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(labels.get(e.getKey())));
        for (Object item : selector.get("matchExpressions") == null ? List.of() : list(selector.get("matchExpressions"), "matchExpressions")) {
            Map<String, Object> expression = map(item, "matchExpression");
            assertThat(expression.get("operator")).as("operators this check understands").isEqualTo("In");
            all &= list(expression.get("values"), "values").stream().map(String::valueOf).toList()
                    .contains(labels.get(String.valueOf(expression.get("key"))));
        }
        return all;
    }

    @Test
    void mapServersAreNamedByTheirPodAndRedisHasAPassword() {
        for (String name : List.of("map-server-1", "map-server-2")) {
            Map<String, Object> serverId = list(container(name).get("env"), name).stream().map(e -> map(e, name))
                    .filter(e -> "SERVER_ID".equals(e.get("name"))).findFirst().orElseThrow();
            assertThat(String.valueOf(serverId.get("valueFrom"))).as(name).contains("metadata.name");
        }
        assertThat(String.valueOf(container("redis").get("command"))).contains("--requirepass");
    }

    @Test
    void kustomizeBuildsTheManifests() throws Exception {
        RequiredTools.require(RequiredTools.onPath("kubectl"), "kubectl (package kubernetes-client)");
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", DIR.toString()).redirectErrorStream(true).start();
        String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("kubectl kustomize ended").isTrue();
        assertThat(kustomize.exitValue()).as(output).isZero();
        assertThat(output).contains("kind: Ingress", "kind: PodDisruptionBudget", "kind: NetworkPolicy", "kind: StatefulSet");
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
