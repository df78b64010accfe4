package com.mmorpg.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.service.config.TlsEnvironmentPostProcessor;
import com.mmorpg.service.config.UnusableConfigurationException;
import com.mmorpg.service.fixture.FixtureApplication;
import com.mmorpg.service.web.InternalApiProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The environment post-processors every service gets: secrets from files, TLS by configuration. */
class ConfigurationPostProcessorsTest {

    private static final String KEY = "Zq3v9LrT0pX8wYc2NfB6hJ1sK4mD7gA5-from-a-file";

    @TempDir
    Path dir;

    @Test
    void aSecretFileFeedsTheVariableThatConfigurationPlaceholdersRead() throws Exception {
        Path file = Files.writeString(dir.resolve("internal_api_key"), KEY + "\n");

        try (ConfigurableApplicationContext context = start("INTERNAL_API_KEY_FILE=" + file,
                "mmo.internal.api-key=${INTERNAL_API_KEY:dev-only-fallback}")) {
            assertThat(context.getBean(InternalApiProperties.class).apiKey()).isEqualTo(KEY);
        }
    }

    @Test
    void anUnreadableSecretFileStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> start("JWT_SECRET_FILE=" + dir.resolve("missing")))
                .isInstanceOf(UnusableConfigurationException.class)
                .hasMessageStartingWith("JWT_SECRET_FILE points to");
    }

    @Test
    void halfATlsConfigurationStopsStartUp() throws Exception {
        Path certificate = Files.writeString(dir.resolve("server.crt"), "not checked here");

        assertThatThrownBy(() -> start("TLS_CERTIFICATE=" + certificate))
                .isInstanceOf(UnusableConfigurationException.class)
                .hasMessage("TLS needs both TLS_CERTIFICATE and TLS_PRIVATE_KEY (PEM files); only TLS_CERTIFICATE is set");
        assertThatThrownBy(() -> start("TLS_CERTIFICATE=" + certificate, "TLS_PRIVATE_KEY=" + dir.resolve("absent.key")))
                .isInstanceOf(UnusableConfigurationException.class)
                .hasMessageContaining("TLS_PRIVATE_KEY points to");
    }

    @Test
    void bothTlsFilesSelectTheServerBundle() throws Exception {
        Path certificate = Files.writeString(dir.resolve("server.crt"), "x");
        Path key = Files.writeString(dir.resolve("server.key"), "y");

        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("TLS_CERTIFICATE", certificate.toString(), "TLS_PRIVATE_KEY", key.toString())));
        new TlsEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("server.ssl.bundle")).isEqualTo("server");
        assertThat(environment.getProperty("spring.ssl.bundle.pem.server.keystore.certificate")).isEqualTo("file:" + certificate);
        assertThat(environment.getProperty("spring.ssl.bundle.pem.server.keystore.private-key")).isEqualTo("file:" + key);
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(FixtureApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .properties("fixture.secret=dev-only-x")
                .run();
    }
}
