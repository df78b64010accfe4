package com.mmorpg.worlddirectory.staff;

import com.mmorpg.common.token.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A handler under {@code /admin/**} that needs at least this role (every route there needs {@code gm}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface StaffOnly {

    Role value() default Role.GM;
}
