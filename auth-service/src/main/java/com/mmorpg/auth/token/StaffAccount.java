package com.mmorpg.auth.token;

import com.mmorpg.common.token.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Staff} handler parameter: the request needs a valid access token (else 401) of an
 * account whose stored role is at least {@link #value} (else 403 {@code FORBIDDEN}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface StaffAccount {

    Role value() default Role.GM;
}
