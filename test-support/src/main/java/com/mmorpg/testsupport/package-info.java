/**
 * What tests share: real PostgreSQL and Redis per test JVM (a database and a Redis logical database
 * per test class), the packaged services started as processes ({@code BackendStack},
 * {@code ServiceProcess}, {@code PackagedJar}), content folders, tools the suite needs. Test scope only.
 */
package com.mmorpg.testsupport;
