package com.mmorpg.auth.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DatabaseUrlEnvironmentPostProcessorTest {

    @Test
    void databasePasswordReplacesThePasswordOfTheUrl() {
        StandardEnvironment withoutPassword = environment(Map.of("DATABASE_URL", "postgresql://mmorpg@db:5432/mmorpg",
                "DATABASE_PASSWORD", "from-a-secret-file"));
        StandardEnvironment both = environment(Map.of("DATABASE_URL", "postgresql://mmorpg:in-url@db:5432/mmorpg",
                "DATABASE_PASSWORD", "wins"));
        StandardEnvironment urlOnly = environment(Map.of("DATABASE_URL", "postgresql://mmorpg:in-url@db:5432/mmorpg"));

        assertThat(withoutPassword.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/mmorpg");
        assertThat(withoutPassword.getProperty("spring.datasource.username")).isEqualTo("mmorpg");
        assertThat(withoutPassword.getProperty("spring.datasource.password")).isEqualTo("from-a-secret-file");
        assertThat(both.getProperty("spring.datasource.password")).isEqualTo("wins");
        assertThat(urlOnly.getProperty("spring.datasource.password")).isEqualTo("in-url");
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return environment;
    }
}
