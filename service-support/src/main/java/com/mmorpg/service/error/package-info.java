/**
 * problem+json for every error a service answers (codes, never a stack trace), a body too large, and
 * the errors answered lately by code, for the operations console.
 */
package com.mmorpg.service.error;
