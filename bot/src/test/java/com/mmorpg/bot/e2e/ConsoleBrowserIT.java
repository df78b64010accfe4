package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.content.WorldContent;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations console in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code ./scripts/test.sh} installs; nothing is downloaded), against real processes: an admin
 * logs in, sees both map servers and the player on map 1, announces (the player's socket hears it),
 * mutes the player's chat (its next line is refused CHAT_MUTED),
 * kicks the player (its map server removes it with KICKED, its socket closes) and bans it (its next
 * socket closes, its login is refused), and the audit log lists all three. The screenshots it takes
 * are the ones in README.
 */
class ConsoleBrowserIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static BackendStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        RequiredTools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver (packages chromium, chromium-driver)");
        stack = BackendStack.start(Path.of(".."), "gateway-console", BackendStack.Options.defaults()
                .withEnvironment(Map.of("ADMIN_USERNAME", "console_admin", "ADMIN_PASSWORD", "console-admin-password")));
        stack.startMapServer(1, Map.of("CHANNELS", "1"));
        stack.startMapServer(2, Map.of("CHANNELS", "1"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1900",
                        "--disable-gpu");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAdminSeesTheWorldAndAnnouncesKicksAndBansAPlayerFromTheConsole() throws Exception {
        AuthClient player = new AuthClient(stack.authUrl());
        player.register("console_target", "correct-horse-console");
        AuthClient.Character character = player.createCharacter("Consoled", "1");
        List<String> announcements = new CopyOnWriteArrayList<>();
        List<String> mapRejections = new CopyOnWriteArrayList<>();
        // The page rebuilds its tables every few seconds: an element found a moment ago may be gone.
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);

        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT)
                .onAnnouncement(announcements::add)) {
            MapAssignment assignment = gateway.enterWorld(character.id());
            try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                    new MapListener() {
                        @Override
                        public void rejected(Rejected rejected) {
                            mapRejections.add(rejected.code);
                        }
                    })) {
                assertThat(map.welcome().characterId).isEqualTo(character.id());

                browser.get(stack.worldUrl() + "/console");
                browser.findElement(By.id("username")).sendKeys("console_admin");
                browser.findElement(By.id("password")).sendKeys("console-admin-password");
                browser.findElement(By.id("login-button")).click();
                wait.until(driver -> driver.findElement(By.id("whoami")).getText().equals("console_admin (admin)"));

                // Both map servers, and the player on map 1 once its server's heartbeat counted it.
                // Its tick p99 and CPU p99 come with the same heartbeat.
                wait.until(driver -> rowText("map-server-1").contains("1 / ") && !rowText("map-server-2").isEmpty());
                wait.until(driver -> rowText("map-server-1").matches("(?s).*\\d+\\.\\d ms.*\\d+\\.\\d ms.*"));
                wait.until(driver -> rowText("map-server-2").contains("ACTIVE") && rowText("map-server-2").contains("0 / "));
                // Each server's content version, the same on both (the stack's content folder).
                String version = WorldContent.load(Path.of("..", "content")).version();
                assertThat(rowText("map-server-1")).contains(version);
                assertThat(rowText("map-server-2")).contains(version);
                assertThat(browser.findElement(By.id("content-version")).getText()).isEqualTo(version + " (maps 1, 2, 3)");
                assertThat(browser.findElements(By.cssSelector("#servers td.content-mismatch"))).as("no server on other content").isEmpty();
                wait.until(driver -> driver.findElement(By.id("logins-hour")).getText().matches("[1-9]\\d*")); // the admin's own
                wait.until(driver -> !driver.findElement(By.id("auth-errors")).getText().equals("–"));

                // The live map of map 1: the player's dot is where the map server has it, and it moves.
                click(wait, By.cssSelector("#servers tr[data-server='map-server-1'] button.watch"));
                wait.until(driver -> livePlayer(driver, map.welcome().entityId) != null);
                String before = livePlayer(browser, map.welcome().entityId);
                for (int i = 0; i < 20; i++) {
                    map.move(1, 0); // one input per tick, as a game loop sends them
                    Thread.sleep(50);
                }
                map.move(0, 0);
                wait.until(driver -> { // a later frame of the same channel has it elsewhere
                    String after = livePlayer(driver, map.welcome().entityId);
                    return after != null && !after.equals(before);
                });
                assertThat(browser.findElement(By.id("live-tick")).getText()).matches("tick \\d+, \\d+ entities");
                screenshot("live-map.png");

                browser.findElement(By.id("lookup-query")).sendKeys("Consoled");
                browser.findElement(By.id("lookup-button")).click();
                WebElement found = wait.until(driver -> driver.findElement(By.cssSelector("#players tr")));
                assertThat(found.getText()).contains("console_target", "Consoled", "on map-server-1");
                wait.until(driver -> driver.findElement(By.cssSelector("#players tr td.online")).getText()
                        .equals("online via gateway-console"));
                wait.until(driver -> driver.findElement(By.cssSelector("#players tr td.characters")).getText()
                        .matches("(?s).*Consoled: channel 1 at \\(\\d+, \\d+\\).*"));
                screenshot("console.png");

                browser.findElement(By.id("announce-text")).sendKeys("Maintenance in 10 minutes");
                browser.findElement(By.id("announce-button")).click();
                await().atMost(TIMEOUT).until(() -> announcements.contains("Maintenance in 10 minutes"));

                gateway.say("map", "before the mute");
                click(wait, By.cssSelector("#players tr button.mute"));
                wait.until(driver -> driver.findElement(By.cssSelector("#players tr td.muted")).getText().startsWith("muted until"));
                await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(() -> gateway.say("map", "after the mute"))
                        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("CHAT_MUTED")));

                click(wait, By.cssSelector("#players tr button.kick"));
                await().atMost(TIMEOUT).until(() -> mapRejections.contains("KICKED"));
                await().atMost(TIMEOUT).until(() -> !gateway.isOpen());
                assertThat(gateway.closeReason()).isEqualTo("Kicked");
            }
        }

        player.login("console_target", "correct-horse-console"); // a kick is not a ban
        try (GatewayClient again = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT)) {
            browser.findElement(By.id("ban-reason")).clear();
            browser.findElement(By.id("ban-reason")).sendKeys("Botting");
            click(wait, By.cssSelector("#players tr button.ban"));
            await().atMost(TIMEOUT).until(() -> !again.isOpen());
            assertThat(again.closeReason()).isEqualTo("Session revoked");
        }
        assertThatThrownBy(() -> new AuthClient(stack.authUrl()).login("console_target", "correct-horse-console"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ACCOUNT_BANNED"));

        wait.until(driver -> driver.findElements(By.cssSelector("#audit tr")).size() >= 4
                && driver.findElement(By.cssSelector("#audit tr")).getAttribute("data-action").equals("ban"));
        List<String> actions = wait.until(driver -> driver.findElements(By.cssSelector("#audit tr")).stream()
                .map(row -> row.getAttribute("data-action")).limit(4).toList());
        assertThat(actions).containsExactly("ban", "kick", "mute", "announce");
        wait.until(driver -> driver.findElement(By.cssSelector("#players tr")).getText().contains("Botting"));
        screenshot("console-after.png");

        // The character's items: a stack granted from the console and taken back, both on its ledger and the audit log.
        click(wait, By.cssSelector("#players tr button.items[data-character='" + character.id() + "']"));
        wait.until(driver -> driver.findElement(By.id("items-where")).getText().equals("not in the world"));
        assertThat(browser.findElement(By.id("items-title")).getText()).isEqualTo("Consoled #" + character.id());
        new Select(browser.findElement(By.id("grant-type"))).selectByValue("1"); // content/items.json: Health Potion
        browser.findElement(By.id("grant-quantity")).clear();
        browser.findElement(By.id("grant-quantity")).sendKeys("3");
        browser.findElement(By.id("grant-button")).click();
        WebElement granted = wait.until(driver -> driver.findElement(By.cssSelector("#items-held tr[data-item]")));
        assertThat(granted.findElement(By.cssSelector("td.item-name")).getText()).isEqualTo("Health Potion");
        assertThat(granted.findElement(By.cssSelector("td.item-quantity")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("#items-ledger tr")).getAttribute("data-reason")).isEqualTo("grant");
        wait.until(driver -> driver.findElement(By.cssSelector("#audit tr")).getAttribute("data-action").equals("item_grant"));
        screenshot("console-items.png");
        click(wait, By.cssSelector("#items-held tr[data-item] button.remove-item"));
        wait.until(driver -> driver.findElements(By.cssSelector("#items-held tr[data-item]")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#items-ledger tr")).stream().map(row -> row.getAttribute("data-reason")))
                .containsExactly("remove", "grant");
        wait.until(driver -> driver.findElement(By.cssSelector("#audit tr")).getAttribute("data-action").equals("item_remove"));

        // The admin's own row offers nothing to do to themselves (auth-service would refuse it).
        browser.findElement(By.id("lookup-query")).clear();
        browser.findElement(By.id("lookup-query")).sendKeys("console_admin");
        browser.findElement(By.id("lookup-button")).click();
        wait.until(driver -> driver.findElement(By.cssSelector("#players tr")).getText().contains("console_admin"));
        assertThat(browser.findElement(By.cssSelector("#players tr td.no-actions")).getText()).isEqualTo("you");
        assertThat(browser.findElements(By.cssSelector("#players tr button"))).isEmpty();

        // Logging out ends the session on the server: the token the page held is refused from then on.
        String token = (String) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return sessionStorage.getItem('console.token')");
        assertThat(staffStatus(token)).isEqualTo(200);
        browser.findElement(By.id("logout-button")).click();
        wait.until(driver -> driver.findElement(By.id("login")).isDisplayed());
        await().atMost(TIMEOUT).until(() -> staffStatus(token) == 401);
    }

    /** What auth-service answers {@code GET /admin/me} with this token. */
    private static int staffStatus(String token) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.authUrl() + "/admin/me"))
                    .header("Authorization", "Bearer " + token).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Clicks what {@code target} finds, finding it again should the page have redrawn it meanwhile. */
    private static void click(WebDriverWait wait, By target) {
        wait.until(driver -> {
            driver.findElement(target).click();
            return true;
        });
    }

    /** The player's [id, x, y] in the live map's latest frame, as the page holds it; null when not in it. */
    private static String livePlayer(WebDriver driver, int entityId) {
        String players = driver.findElement(By.id("live-map")).getAttribute("data-players");
        if (players == null) {
            return null;
        }
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\[" + entityId + ",[^\\]]*\\]").matcher(players);
        return row.find() ? row.group() : null;
    }

    private static String rowText(String serverId) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#servers tr[data-server='" + serverId + "']"));
        return rows.isEmpty() ? "" : rows.getFirst().getText();
    }

    private static void screenshot(String name) throws Exception {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
