/**
 * The playable classes as the character feature reads them ({@link com.mmorpg.auth.characterclass.CharacterClasses},
 * loaded once at start) and {@code GET /character-classes}. Maps {@code character_classes} read-only through JPA;
 * the content sync ({@code com.mmorpg.auth.content}) is what writes that table.
 */
package com.mmorpg.auth.characterclass;
