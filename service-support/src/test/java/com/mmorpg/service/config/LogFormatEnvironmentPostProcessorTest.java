package com.mmorpg.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatEnvironmentPostProcessorTest {

    private static MockEnvironment after(String format) {
        MockEnvironment environment = new MockEnvironment();
        if (format != null) {
            environment.setProperty("LOG_FORMAT", format);
        }
        new LogFormatEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void jsonIsEcsStructuredLoggingWithoutTheBanner() {
        MockEnvironment environment = after("json");

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
    }

    @Test
    void textOrNothingLeavesPlainLines() {
        assertThat(after(null).getProperty("logging.structured.format.console")).isNull();
        assertThat(after("text").getProperty("logging.structured.format.console")).isNull();
        assertThat(after("LOGSTASH").getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void anUnknownFormatStopsTheServiceNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> after("xml")).isInstanceOf(UnusableConfigurationException.class)
                .hasMessageContaining("LOG_FORMAT must be text, json, ecs, logstash or gelf");
    }
}
