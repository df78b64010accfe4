package com.mmorpg.auth.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A ban, as operators ({@code /internal}) and staff ({@code /admin}) ask for one; {@code duration_seconds} absent: for good. */
public record BanRequest(@NotBlank @Size(max = 200) String reason, @Min(1) @Max(3_153_600_000L) Long durationSeconds) {
}
