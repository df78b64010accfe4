package com.mmorpg.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.service.fixture.FixtureApplication;
import com.mmorpg.service.secrets.InsecureConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class ProductionSecretsTest {

    private static final String STRONG = "Zq3v9LrT0pX8wYc2NfB6hJ1sK4mD7gA5";

    @Test
    void prodProfileRefusesDevelopmentDefaultsAndShortSecrets(CapturedOutput output) {
        assertThatThrownBy(() -> start("prod", "dev-only-fixture-secret-0123456789abcdef", "short"))
                .isInstanceOf(InsecureConfigurationException.class);

        assertThat(output.getAll())
                .contains("FIXTURE_SECRET is a development default")
                .contains("INTERNAL_API_KEY is shorter than 32 bytes")
                .doesNotContain("dev-only-fixture-secret");
    }

    @Test
    void prodProfileStartsWithStrongSecretsAndThoseAreInForce() {
        try (ConfigurableApplicationContext context = start("prod", STRONG, STRONG + "x")) {
            assertThat(context.getBean("fixtureSecrets", com.mmorpg.service.secrets.HoldsSecrets.class).secrets())
                    .containsEntry("FIXTURE_SECRET", STRONG);
            assertThat(context.getBean(com.mmorpg.service.web.InternalApiProperties.class).apiKey()).isEqualTo(STRONG + "x");
        }
    }

    @Test
    void developmentDefaultsAreFineWithoutProd() {
        try (ConfigurableApplicationContext context = start("default", "dev-only-x", "dev-only-y")) {
            assertThat(context.getBean("fixtureSecrets", com.mmorpg.service.secrets.HoldsSecrets.class).secrets())
                    .containsEntry("FIXTURE_SECRET", "dev-only-x");
            assertThat(context.getBean(com.mmorpg.service.web.InternalApiProperties.class).apiKey()).isEqualTo("dev-only-y");
        }
    }

    @Test
    void developmentDefaultsAreRefusedOnEveryInterfaceButLoopbackUnlessAllowed(CapturedOutput output) throws Exception {
        assertThatThrownBy(() -> serve("--server.address=0.0.0.0"))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("FIXTURE_SECRET")
                .hasMessageContaining("0.0.0.0");
        assertThat(output.getAll()).contains("ALLOW_DEV_SECRETS=true").doesNotContain("dev-only-x");

        try (ConfigurableApplicationContext loopback = serve("--server.address=127.0.0.1");
                ConfigurableApplicationContext allowed = serve("--server.address=0.0.0.0", "--ALLOW_DEV_SECRETS=true")) {
            assertThat(servedOn(loopback)).isEqualTo("127.0.0.1");
            assertThat(servedOn(allowed)).isEqualTo("0.0.0.0");
        }
    }

    /** The address the context's web server listens on, once it answers there. */
    private static String servedOn(ConfigurableApplicationContext context) throws Exception {
        int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer().getPort();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
        return context.getEnvironment().getProperty("server.address");
    }

    /** A web server with the development secrets; {@code args} outrank the test JVM's SERVER_ADDRESS. */
    private static ConfigurableApplicationContext serve(String... args) {
        return new SpringApplicationBuilder(FixtureApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "fixture.secret=dev-only-x", "mmo.internal.api-key=dev-only-y")
                .run(args);
    }

    private static ConfigurableApplicationContext start(String profile, String fixtureSecret, String internalKey) {
        return new SpringApplicationBuilder(FixtureApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(profile)
                .properties("fixture.secret=" + fixtureSecret, "mmo.internal.api-key=" + internalKey)
                .run();
    }
}
