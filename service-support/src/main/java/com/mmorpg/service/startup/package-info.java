/**
 * Failure analyzers: a service that cannot start says why in one paragraph, not a stack trace.
 */
package com.mmorpg.service.startup;
