package com.mmorpg.deployment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each feature owns its tables (Spring Modulith's rule): SQL in auth-service's main sources names a table only in
 * the package that owns it, and other packages go through that package's service. Read from the sources (string
 * literals and text blocks: {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code DELETE FROM}), with the
 * tables listed from the Flyway migrations, so a new table needs an owner here. Also: the staff packages of
 * auth-service and world-directory call the features and no feature calls them, and every {@code /admin} route is
 * mapped there.
 */
class TableOwnershipTest {

    private static final Path AUTH_SOURCES = RepositoryFiles.path("auth-service/src/main/java/com/mmorpg/auth");
    private static final Path DIRECTORY_SOURCES = RepositoryFiles.path("world-directory/src/main/java/com/mmorpg/worlddirectory");
    private static final Path MIGRATIONS = RepositoryFiles.path("auth-service/src/main/resources/db/migration");

    /** Table to the package (under {@code com.mmorpg.auth}) whose SQL alone may name it. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("accounts", "account"),
            Map.entry("account_logins", "account"),
            Map.entry("refresh_tokens", "token"),
            Map.entry("characters", "character"),
            Map.entry("character_leases", "character"),
            Map.entry("used_map_tickets", "character"),
            Map.entry("items", "item"),
            Map.entry("item_ledger", "item"),
            Map.entry("staff_audit", "staff"),
            // written by the content sync alone; the world and characterclass packages map them read-only (JPA)
            Map.entry("world_maps", "content"),
            Map.entry("character_classes", "content"));

    /**
     * Where another package names a table, and why that cannot go through the owner. The test fails when one of
     * these is no longer needed, so the list only shrinks.
     */
    private static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("token -> accounts", "the account feature depends on tokens (a login starts a session), so the "
                    + "token resolvers read an account's role and ban themselves"),
            Map.entry("character -> accounts", "a lease grant refuses a banned account's character, and the lease "
                    + "renewal marks such leases in the same statement (its race guard); creation locks the account row"),
            Map.entry("character -> refresh_tokens", "the lease renewal finds leases of ended login sessions in the "
                    + "same statement"),
            Map.entry("item -> characters", "characters.item_seq is the item books' column (V11), written with the items"),
            Map.entry("content -> characters", "the content sync runs before any feature's beans exist (they read "
                    + "what it writes) and refuses to remove a map or class characters still use"),
            Map.entry("content -> items", "the content sync refuses to drop an item type characters still hold"));

    /** Redis key prefixes of world-directory to the package (under {@code com.mmorpg.worlddirectory}) owning them. */
    private static final Map<String, String> KEY_OWNERS = Map.of("registry:", "registry", "sessions:", "session");

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
    private static final Pattern TABLE_NAMED = Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(\\w+)");
    /** Text blocks first, then plain literals (escapes kept, which no table name contains). */
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    @Test
    void everyTableOfTheMigrationsHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".sql")).toList()) {
                Matcher created = CREATE_TABLE.matcher(Files.readString(file));
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase());
                }
            }
        }

        assertThat(tables).as("tables created by the migrations").hasSizeGreaterThanOrEqualTo(10);
        assertThat(OWNERS.keySet()).as("every table has an owning package (and no owner is declared for a table "
                + "that does not exist)").containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void everyTableIsNamedInSqlOnlyByItsOwningPackage() {
        Map<String, List<String>> uses = namedByPackage(AUTH_SOURCES, OWNERS.keySet());
        List<String> violations = new ArrayList<>();
        Set<String> excused = new TreeSet<>();
        uses.forEach((use, places) -> {
            String[] parts = use.split(" -> ");
            if (parts[0].equals(OWNERS.get(parts[1]))) {
                return;
            }
            if (EXCEPTIONS.containsKey(use)) {
                excused.add(use);
                return;
            }
            violations.add("table " + parts[1] + " is owned by com.mmorpg.auth." + OWNERS.get(parts[1])
                    + " but named in SQL by com.mmorpg.auth." + parts[0] + " at " + places);
        });

        assertThat(uses.keySet()).as("SQL found in the sources").hasSizeGreaterThanOrEqualTo(OWNERS.size());
        assertThat(violations).withFailMessage(() -> String.join("\n", violations)
                + "\n(go through the owning package's service, or say in EXCEPTIONS why not)").isEmpty();
        assertThat(excused).as("exceptions no longer needed: remove them").containsExactlyInAnyOrderElementsOf(EXCEPTIONS.keySet());
    }

    @Test
    void everyRedisKeyPrefixOfTheDirectoryIsNamedOnlyByItsOwningPackage() {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        forEachLiteral(DIRECTORY_SOURCES, (pkg, place, literal) -> KEY_OWNERS.forEach((prefix, owner) -> {
            if (literal.startsWith(prefix)) {
                seen.add(prefix);
                if (!pkg.equals(owner)) {
                    violations.add("Redis key " + literal + " is owned by com.mmorpg.worlddirectory." + owner
                            + " but named by com.mmorpg.worlddirectory." + pkg + " at " + place);
                }
            }
        }));

        assertThat(seen).as("key prefixes found").containsExactlyInAnyOrderElementsOf(KEY_OWNERS.keySet());
        assertThat(violations).withFailMessage(() -> String.join("\n", violations)).isEmpty();
    }

    @Test
    void staffCallsTheFeaturesAndNoFeatureCallsStaff() {
        JavaClasses auth = imported("auth-service", "com.mmorpg.auth");
        noClasses().that().resideInAPackage("com.mmorpg.auth..").and().resideOutsideOfPackage("com.mmorpg.auth.staff..")
                .should().dependOnClassesThat().resideInAPackage("com.mmorpg.auth.staff..")
                .because("staff code calls the features' services; a feature never needs the staff package")
                .check(auth);

        JavaClasses directory = imported("world-directory", "com.mmorpg.worlddirectory");
        noClasses().that().resideInAPackage("com.mmorpg.worlddirectory..")
                .and().resideOutsideOfPackage("com.mmorpg.worlddirectory.staff..")
                .should().dependOnClassesThat().resideInAPackage("com.mmorpg.worlddirectory.staff..")
                .because("the registry and the sessions know nothing of staff; the staff package calls them")
                .check(directory);
    }

    @Test
    void everyAdminRouteIsMappedInTheStaffPackage() {
        for (Map.Entry<String, String> service : Map.of("auth-service", "com.mmorpg.auth",
                "world-directory", "com.mmorpg.worlddirectory").entrySet()) {
            Map<String, String> adminRoutes = new TreeMap<>();
            for (JavaClass type : imported(service.getKey(), service.getValue())) {
                for (JavaMethod method : type.getMethods()) {
                    for (String path : mappedPaths(method)) {
                        if (path.startsWith("/admin")) {
                            adminRoutes.put(type.getSimpleName() + "." + method.getName() + " " + path, type.getPackageName());
                        }
                    }
                }
            }
            String staff = service.getValue() + ".staff";

            assertThat(adminRoutes).as("/admin routes of %s", service.getKey()).isNotEmpty();
            assertThat(adminRoutes).as("every /admin route of %s is mapped in %s", service.getKey(), staff)
                    .allSatisfy((route, pkg) -> assertThat(pkg).as(route).isEqualTo(staff));
        }
    }

    /** {@code "<package> -> <table>"} to the places ({@code File.java:line}) whose SQL names the table. */
    private static Map<String, List<String>> namedByPackage(Path sources, Set<String> tables) {
        Map<String, List<String>> uses = new TreeMap<>();
        forEachLiteral(sources, (pkg, place, literal) -> {
            Matcher named = TABLE_NAMED.matcher(literal);
            while (named.find()) {
                String table = named.group(1).toLowerCase();
                if (tables.contains(table)) {
                    uses.computeIfAbsent(pkg + " -> " + table, key -> new ArrayList<>()).add(place);
                }
            }
        });
        return uses;
    }

    private interface LiteralVisitor {
        void visit(String pkg, String place, String literal);
    }

    /** Every string literal and text block of the Java sources under {@code root}, with its package below root. */
    private static void forEachLiteral(Path root, LiteralVisitor visitor) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".java")).sorted().toList()) {
                Path relative = root.relativize(file.getParent());
                String pkg = relative.toString().isEmpty() ? "" : relative.toString().replace(file.getFileSystem().getSeparator(), ".");
                String code = withoutComments(Files.readString(file));
                Matcher literal = LITERAL.matcher(code);
                while (literal.find()) {
                    String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                    int line = 1 + (int) code.substring(0, literal.start()).chars().filter(c -> c == '\n').count();
                    visitor.visit(pkg, file.getFileName() + ":" + line, text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code without its comments (their text often says "from" or "into"); line breaks kept for line numbers. */
    private static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                end = end < 0 ? code.length() : end + 3;
                out.append(code, i, end);
                i = end;
            } else if (code.charAt(i) == '"' || code.charAt(i) == '\'') {
                char quote = code.charAt(i);
                int end = i + 1;
                while (end < code.length() && code.charAt(end) != quote && code.charAt(end) != '\n') {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, code.length());
                out.append(code, i, end);
                i = end;
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? code.length() : end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                code.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
                i = end;
            } else {
                out.append(code.charAt(i++));
            }
        }
        return out.toString();
    }

    private static JavaClasses imported(String module, String basePackage) {
        Path classes = RepositoryFiles.path(module + "/target/classes");
        if (!Files.isDirectory(classes.resolve(basePackage.replace('.', '/')))) {
            throw new IllegalStateException(classes + " holds no compiled classes: build " + module + " first");
        }
        return new ClassFileImporter().importPath(classes);
    }

    /** The paths a handler method maps ({@code @GetMapping("/admin/x")}, {@code @RequestMapping(path = ...)}). */
    private static List<String> mappedPaths(JavaMethod method) {
        List<String> paths = new ArrayList<>();
        for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
            String name = annotation.getRawType().getName();
            if (!name.startsWith("org.springframework.web.bind.annotation.") || !name.endsWith("Mapping")) {
                continue;
            }
            for (String property : List.of("value", "path")) {
                annotation.get(property).ifPresent(value -> {
                    if (value instanceof Object[] values) {
                        for (Object path : values) {
                            paths.add(String.valueOf(path));
                        }
                    }
                });
            }
        }
        return paths;
    }
}
