/**
 * Self-signed certificates for the TLS tests.
 */
package com.mmorpg.testsupport.tls;
