/**
 * Environment post-processors: the log format ({@code LOG_FORMAT}), secrets from {@code *_FILE}
 * files, TLS settings; and the error a configuration that cannot work raises.
 */
package com.mmorpg.service.config;
