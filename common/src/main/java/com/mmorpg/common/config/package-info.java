/**
 * Plain configuration helpers every server shares: duration parsing, secrets read from files
 * ({@code *_FILE}) and the rule a production secret must meet.
 */
package com.mmorpg.common.config;
