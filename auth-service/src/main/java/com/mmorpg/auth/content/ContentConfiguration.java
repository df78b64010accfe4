package com.mmorpg.auth.content;

import com.mmorpg.content.InvalidContentException;
import com.mmorpg.content.WorldContent;
import com.mmorpg.service.config.UnusableConfigurationException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the content folder once at start: on invalid content the service does not start, and says every problem. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentProperties.class)
class ContentConfiguration {

    @Bean
    WorldContent worldContent(ContentProperties properties) {
        try {
            return WorldContent.load(properties.dir());
        } catch (InvalidContentException e) {
            throw new UnusableConfigurationException(e.getMessage());
        }
    }
}
