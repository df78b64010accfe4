package com.mmorpg.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.InvalidTokenException;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.service.secrets.InsecureConfigurationException;
import com.mmorpg.service.web.InternalApiProperties;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    private final PostgresDatabase database = TestPostgres.newDatabase();

    @Test
    void prodRefusesTheDevelopmentSecrets(CapturedOutput output) {
        assertThatThrownBy(() -> start("prod")).isInstanceOf(InsecureConfigurationException.class);

        assertThat(output.getAll())
                .contains("JWT_SECRET is a development default")
                .contains("INTERNAL_API_KEY is a development default");
    }

    @Test
    void prodStartsWithRealSecretsAndUsesThem() throws Exception {
        String jwtSecret = "9Xv2LqT7pW0sRb4NcY8mK1dF6hJ3gZ5a";
        String internalKey = "Qw8Er2Ty6Ui0Op4As1Df5Gh9Jk3Lz7Xc";
        try (ConfigurableApplicationContext context = start("prod", "JWT_SECRET=" + jwtSecret, "INTERNAL_API_KEY=" + internalKey)) {
            // the secrets in force are the ones given: a token it signs verifies with the given secret only
            String token = context.getBean(AccessTokenCodec.class).issue("42").token();
            assertThat(codec(jwtSecret).verify(token).userId()).isEqualTo("42");
            assertThatThrownBy(() -> codec("dev-only-jwt-secret-change-me-0123456789abcdef").verify(token))
                    .isInstanceOf(InvalidTokenException.class);
            assertThat(context.getBean(InternalApiProperties.class).apiKey()).isEqualTo(internalKey);
        }
    }

    private static AccessTokenCodec codec(String secret) {
        return new AccessTokenCodec(SigningKeys.of("JWT_SECRET", secret, null),
                Duration.ofMinutes(15), Clock.systemUTC());
    }

    private ConfigurableApplicationContext start(String profile, String... extra) {
        String[] properties = new String[extra.length + 1];
        properties[0] = "DATABASE_URL=" + database.url();
        System.arraycopy(extra, 0, properties, 1, extra.length);
        return new SpringApplicationBuilder(AuthServiceApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(profile)
                .properties(properties)
                .run();
    }
}
