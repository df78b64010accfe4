package com.mmorpg.service.content;

import com.mmorpg.content.InvalidContentException;
import com.mmorpg.content.WorldContent;
import com.mmorpg.service.config.UnusableConfigurationException;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Reads the content folder ({@code content.dir}, {@code CONTENT_DIR}; default {@code content}) before any
 * bean is made, and offers it as the bean {@code worldContent}. On invalid content the service does not
 * start: Boot's short report says every problem with its file and place, once. A service that reads
 * content lists this in its {@code META-INF/spring.factories} as an {@code ApplicationListener}.
 */
public class ContentLoader implements ApplicationListener<ApplicationPreparedEvent> {

    public static final String BEAN = "worldContent";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Path folder = Binder.get(event.getApplicationContext().getEnvironment()).bind("content.dir", Path.class).orElse(Path.of("content"));
        WorldContent content;
        try {
            content = WorldContent.load(folder);
        } catch (InvalidContentException e) {
            throw new UnusableConfigurationException(e.getMessage());
        }
        event.getApplicationContext().getBeanFactory().registerSingleton(BEAN, content);
    }
}
