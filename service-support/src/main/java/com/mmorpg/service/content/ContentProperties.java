package com.mmorpg.service.content;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code content.dir} ({@code CONTENT_DIR}): the studio's content folder, the same one every server reads. */
@ConfigurationProperties("content")
public record ContentProperties(@DefaultValue("content") Path dir) {
}
