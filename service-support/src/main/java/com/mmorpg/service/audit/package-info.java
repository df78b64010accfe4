/**
 * Audit writes of staff reads that happen once a while, not once per poll ({@code OnceAWhile}).
 */
package com.mmorpg.service.audit;
