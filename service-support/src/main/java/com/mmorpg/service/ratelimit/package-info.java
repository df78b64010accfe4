/**
 * Token buckets shared by every replica of a service (Bucket4j on Redis), kept in the process while
 * Redis is away.
 */
package com.mmorpg.service.ratelimit;
