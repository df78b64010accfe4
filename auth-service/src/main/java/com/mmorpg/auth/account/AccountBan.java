package com.mmorpg.auth.account;

import java.time.Instant;

/** A ban in force: until when (null: for good) and why. */
public record AccountBan(Instant until, String reason) {
}
