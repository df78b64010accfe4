package com.mmorpg.auth.account;

import java.time.Instant;

/** One login of an account: when, and from which address. */
public record AccountLogin(Instant at, String address) {
}
