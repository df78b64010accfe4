/**
 * The item books: every character's items and the ledger of how each came and went, written by the map server
 * holding the character (with its state) or by staff while the character is offline. Owns the tables
 * {@code items} and {@code item_ledger}, and the column {@code characters.item_seq} (V11). The character feature
 * and staff use {@link com.mmorpg.auth.item.ItemBooks}; {@code ItemWriteRules} checks a write before it is stored.
 */
package com.mmorpg.auth.item;
