package com.mmorpg.auth.account;

/** A ban as it was stored: whose, until when (null: for good) and why. */
public record BanResponse(long userId, String bannedUntil, String reason) {
}
