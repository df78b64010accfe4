/**
 * The SQL item audit: the ledger replayed equals the items table, nothing created or destroyed unseen.
 */
package com.mmorpg.testsupport.items;
