/**
 * Loading the studio's content folder into a Spring service (with {@code world-content}).
 */
package com.mmorpg.service.content;
