package com.mmorpg.worlddirectory.registry;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 literal, or an RFC 1123 host name. Checked without any DNS lookup. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HostOrIp.Validator.class)
@interface HostOrIp {

    String message() default "must be an IPv4/IPv6 address or a host name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HostOrIp, String> {

        private static final Pattern HOST_NAME = Pattern.compile(
                "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
        private static final Pattern IPV4_SHAPE = Pattern.compile("[0-9.]+");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isEmpty() || value.length() > 253) {
                return false;
            }
            if (value.contains(":") || IPV4_SHAPE.matcher(value).matches()) {
                try {
                    InetAddress.ofLiteral(value);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            return HOST_NAME.matcher(value).matches();
        }
    }
}
