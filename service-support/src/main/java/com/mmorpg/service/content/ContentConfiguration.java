package com.mmorpg.service.content;

import com.mmorpg.content.InvalidContentException;
import com.mmorpg.content.WorldContent;
import com.mmorpg.service.config.UnusableConfigurationException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The content folder ({@code CONTENT_DIR}) as a bean, for the services that {@code @Import} this: read once at
 * start; on invalid content the service does not start, and says every problem with its file and place.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentProperties.class)
public class ContentConfiguration {

    @Bean
    WorldContent worldContent(ContentProperties properties) {
        try {
            return WorldContent.load(properties.dir());
        } catch (InvalidContentException e) {
            throw new UnusableConfigurationException(e.getMessage());
        }
    }
}
