/**
 * The TLS context for calls between our services: the JDK's trust store, plus a PEM file of a private
 * CA or the peers' certificates when one is named.
 */
package com.mmorpg.common.tls;
