/**
 * HTTP stand-ins for auth-service and world-directory ({@code HttpStub}) answering with the real
 * internal contracts.
 */
package com.mmorpg.testsupport.http;
