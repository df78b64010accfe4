/**
 * The embedded PostgreSQL and Redis that {@code scripts/start-dev.sh} runs when no URL is given.
 */
package com.mmorpg.testsupport.dev;
